package org.neuristor.device;

/** The phase-change cell ({@code pcm}) under the device contract, probed where its type declares. */
class PhaseChangeCellTest extends DeviceContractTest {
  @Override
  String type() {
    return "pcm";
  }
}
