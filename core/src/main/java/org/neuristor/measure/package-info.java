/**
 * Analysis of sampled results, shared by circuit neurons and biological models: {@link
 * org.neuristor.measure.Trace}, spike detection with hysteresis ({@link
 * org.neuristor.measure.SpikeDetector}), spike-train and spike-shape features ({@link
 * org.neuristor.measure.SpikeFeatures}), f-I curves and rheobase ({@link
 * org.neuristor.measure.FiCurve}) and the firing-pattern classifier ({@link
 * org.neuristor.measure.FiringPatternClassifier}).
 */
package org.neuristor.measure;
