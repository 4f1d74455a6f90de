/* global window, AudioBufferSourceNode */
// Loaded into a page before its own scripts (page.addInitScript) by tests that listen to a wall
// display: speechSynthesis records what it is asked to say (with a Mandarin and an English voice
// when window.__spyVoices is true, with none otherwise) and ends each sentence a moment later;
// every audio buffer started is recorded with its length and peak level. Plain browser JavaScript.
(() => {
  const w = window;
  w.__spoken = [];
  w.__played = [];
  const voices = w.__spyVoices
    ? [
        { lang: 'zh-TW', name: 'Test Mandarin', voiceURI: 'test-zh', localService: true, default: true },
        { lang: 'en-US', name: 'Test English', voiceURI: 'test-en', localService: true, default: false },
      ]
    : [];
  const synth = w.speechSynthesis;
  synth.getVoices = () => voices;
  synth.speak = (utterance) => {
    if (!utterance.text) return; // the empty utterance that unlocks speech
    w.__spoken.push({ text: utterance.text, lang: utterance.lang });
    // A sentence takes a moment to say: the next must wait for this one's end.
    setTimeout(() => utterance.onend && utterance.onend(new Event('end')), 150);
  };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args) {
    const data = this.buffer ? this.buffer.getChannelData(0) : new Float32Array();
    let peak = 0;
    for (let i = 0; i < data.length; i += 8) peak = Math.max(peak, Math.abs(data[i]));
    w.__played.push({ duration: this.buffer ? this.buffer.duration : 0, peak });
    return start.apply(this, args);
  };
})();
