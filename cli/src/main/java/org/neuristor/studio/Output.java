package org.neuristor.studio;

/**
 * A finished job: what the page shows and how to write its data as CSV.
 *
 * @param view sent to the browser
 * @param csv writes the full-resolution data on request ("download CSV")
 */
record Output(View view, View.Csv csv) {}
