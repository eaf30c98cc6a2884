package io.docpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.schemas.serde.WireFormat;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  @Test
  void readsTheBigEndianSchemaId() {
    assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
  }

  @Test
  void refusesUnframedBytesWithAReason() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1})).hasMessageContaining("magic byte");
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0})).hasMessageContaining("at least 5");
  }
}
