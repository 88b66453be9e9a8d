package io.evalspark.jobfile;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import io.evalspark.core.UsageException;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lets a job file include only files in its own folder ({@code include "shared.conf"}); a file
 * elsewhere, a URL or a classpath resource is a usage error that names it and never quotes it.
 */
final class SiblingIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
  private final Path jobFile;
  private final Path folder;
  /** The files being read, the job file first, each including the next: a file among them may not be included again. */
  private final Deque<Path> reading = new ArrayDeque<>();

  SiblingIncluder(Path jobFile) {
    this.jobFile = jobFile.toAbsolutePath().normalize();
    this.folder = this.jobFile.getParent();
    reading.add(this.jobFile);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    return includeFile(context, folder.resolve(what).toFile());
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    Path file = (what.isAbsolute() ? what.toPath() : folder.resolve(what.toPath())).toAbsolutePath().normalize();
    if (!folder.equals(file.getParent())) {
      throw refused("the file " + file);
    }
    if (reading.contains(file)) {
      List<String> chain = new ArrayList<>();
      reading.forEach(f -> chain.add(f.getFileName().toString()));
      chain.add(file.getFileName().toString());
      throw new UsageException("--config " + jobFile + " includes itself: " + String.join(" includes ", chain)
          + "; include each file once, from a file it does not include");
    }
    reading.addLast(file);
    try {
      return ConfigFactory.parseFile(file.toFile(), context.parseOptions()).root();
    } finally {
      reading.removeLast();
    }
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    throw refused("the URL " + what);
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    throw refused("the classpath resource " + what);
  }

  private UsageException refused(String what) {
    return new UsageException("--config " + jobFile + " includes " + what + "; a job file may include only files in"
        + " its own folder (" + folder + ")");
  }
}
