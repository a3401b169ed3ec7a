"""Text in its canonical form, whatever the bytes it came from: normalisation
(:mod:`.normalise`) and decoding of legacy Vietnamese encodings (:mod:`.legacy`).
Both readers and the NLP stage build on it; it imports neither."""
