package io.evalspark.report;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** The local disk under another scheme, {@code testfs://}: a second Hadoop file system for tests. */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
  /** The scheme. */
  public static final String SCHEME = "testfs";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
