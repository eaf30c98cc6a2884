package io.docpipe.schemas.serde;

import java.nio.ByteBuffer;

/** The Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** The schema id in a framed message; fails with a clear reason when the bytes are not framed. */
  public static int schemaId(byte[] message) {
    if (message == null || message.length < HEADER_LENGTH) {
      throw new IllegalArgumentException("not Confluent wire format: "
          + (message == null ? "null" : message.length + " bytes") + ", need at least 5");
    }
    if (message[0] != MAGIC_BYTE) {
      throw new IllegalArgumentException("not Confluent wire format: magic byte is " + message[0]);
    }
    return ByteBuffer.wrap(message, 1, 4).getInt();
  }
}
