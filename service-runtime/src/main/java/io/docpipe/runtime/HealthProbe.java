package io.docpipe.runtime;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container healthcheck with nothing but the JVM: {@code java -cp '/app/libs/*' io.docpipe.runtime.HealthProbe
 * http://127.0.0.1:9401/health/ready} exits 0 when the URL answers 200, else 1. The images have no shell,
 * curl or wget; Kubernetes probes the endpoints over HTTP itself and does not need this.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe URL");
      System.exit(2);
    }
    System.exit(isOk(args[0]) ? 0 : 1);
  }

  static boolean isOk(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (Exception e) {
      System.err.println(url + ": " + e);
      return false;
    }
  }
}
