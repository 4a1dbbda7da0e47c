/**
 * Analysis of sampled results, shared by circuit neurons and biological models: {@link
 * org.neuristor.analysis.Trace}, spike detection with hysteresis ({@link
 * org.neuristor.analysis.SpikeDetector}), spike-train and spike-shape features ({@link
 * org.neuristor.analysis.SpikeFeatures}), f-I curves and rheobase ({@link
 * org.neuristor.analysis.FiCurve}) and the firing-pattern classifier ({@link
 * org.neuristor.analysis.FiringPatternClassifier}).
 */
package org.neuristor.analysis;
