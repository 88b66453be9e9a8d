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

/**
 * Lets a job file include only files in its own folder ({@code include "shared.conf"}); a file
 * elsewhere, a URL or a classpath resource is a usage error that names it and never quotes it.
 */
final class SiblingIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
  private final Path jobFile;
  private final Path folder;

  SiblingIncluder(Path jobFile) {
    this.jobFile = jobFile.toAbsolutePath().normalize();
    this.folder = this.jobFile.getParent();
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
    return ConfigFactory.parseFile(file.toFile(), context.parseOptions()).root();
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
