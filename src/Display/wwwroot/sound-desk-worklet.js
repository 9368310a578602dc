// Sound desk audio thread: turns the microphone (usually 44.1 or 48 kHz) into 16 kHz mono PCM16 blocks of 100 ms.
// Runs in the AudioWorklet so a busy page (status polling, redraws) can never drop samples.
"use strict";

const TARGET_RATE = 16000;
const BLOCK = 1600; // 100 ms: small enough for a live meter and quick resume, large enough to keep messages few

class SoundDeskCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    // Box-filter decimation: each output sample is the mean of the input samples that fall in its period.
    // That is a crude low-pass, enough for speech recognition, and works for any ratio (44.1 kHz included).
    this.ratio = sampleRate / TARGET_RATE;
    this.acc = 0;
    this.count = 0;
    this.pos = 0; // input samples consumed within the current output period
    this.block = new Int16Array(BLOCK);
    this.filled = 0;
    this.peak = 0;
    this.firstFrame = -1;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0 || !input[0]) return true;
    if (this.firstFrame < 0) this.firstFrame = currentFrame;
    const channels = input.length;
    const frames = input[0].length;
    for (let i = 0; i < frames; i++) {
      let v = 0;
      for (let c = 0; c < channels; c++) v += input[c][i];
      v /= channels;
      this.acc += v;
      this.count++;
      this.pos++;
      if (this.pos >= this.ratio) {
        this.pos -= this.ratio;
        const s = Math.max(-1, Math.min(1, this.acc / this.count));
        this.acc = 0;
        this.count = 0;
        const a = Math.abs(s);
        if (a > this.peak) this.peak = a;
        this.block[this.filled++] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
        if (this.filled === BLOCK) {
          const pcm = this.block;
          this.port.postMessage({ pcm, peak: this.peak, firstFrame: this.firstFrame, sampleRate }, [pcm.buffer]);
          this.block = new Int16Array(BLOCK);
          this.filled = 0;
          this.peak = 0;
        }
      }
    }
    return true;
  }
}

registerProcessor("sound-desk-capture", SoundDeskCapture);
