package io.docpipe.ingest.extract;

import java.time.Duration;

/** Limits that keep one bad file from hurting the others. */
public record ExtractionLimits(long maxFileBytes, int maxTextChars, Duration parseTimeout) {}
