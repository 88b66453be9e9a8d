package io.evalspark.jobfile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Messages;
import io.evalspark.core.UsageException;
import io.evalspark.gate.Gate;
import io.evalspark.metrics.ScoreDrift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run: its date, its evaluations, where results go and which history it adds to. Read from a
 * HOCON job file, where {@code ${?RUN_DATE}} and other substitutions see the environment, with the
 * command line's flags on top: a flag overrides the file's key of the same name, in every evaluation.
 * Evaluation keys at the top of the file are defaults shared by every evaluation in it.
 *
 * @param runDate the date the run is recorded under (default today)
 * @param output the directory for metrics.json and report.html: a path or a file system URI
 * @param history the history's path or table, or null for none
 * @param keepStates whether each evaluation's states are stored beside the history
 * @param windows rolling windows in days, merged from stored states
 * @param driftBaseline the days before the run date whose stored states binary drift is measured
 *     against ({@code psi_vs_baseline}); 0 for none
 * @param evaluations the evaluations, in file order
 * @param fromFile whether a job file was read; then each evaluation writes to its own subdirectory
 */
public record RunConfig(LocalDate runDate, String output, String history, boolean keepStates, List<Integer> windows,
    int driftBaseline, List<EvaluationConfig> evaluations, boolean fromFile) {

  /**
   * Reads a run from {@code file} (null: the flags alone describe one evaluation) and {@code
   * flags}, keyed by flag name without dashes. {@code only} keeps the evaluation of that name.
   */
  public static RunConfig read(Path file, Map<String, Object> flags, String only, Map<String, String> environment,
      LocalDate today) {
    Map<String, Object> runFlags = new LinkedHashMap<>();
    Map<String, Object> evaluationFlags = new LinkedHashMap<>();
    flags.forEach((k, v) -> (JobKeys.RUN.contains(k) ? runFlags : evaluationFlags).put(k, v));
    Config root;
    try {
      Config fileConfig = file == null ? ConfigFactory.empty() : parse(file);
      root = ConfigFactory.parseMap(runFlags, "command line")
          .withFallback(fileConfig)
          .withFallback(ConfigFactory.parseMap(Map.of("run-date", today.toString()), "today's date"))
          .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)
              .appendResolver(new Environment(environment)));
    } catch (ConfigException e) {
      throw new UsageException("cannot read the job file: " + e.getMessage());
    }
    String place = file == null ? "the command line" : file.toString();
    Settings top = new Settings(root, place);
    Set<String> known = new HashSet<>(JobKeys.RUN);
    known.addAll(JobKeys.EVALUATION);
    top.requireOnly(known);
    Config shared = only(root, JobKeys.EVALUATION);
    Config overrides = ConfigFactory.parseMap(evaluationFlags, "command line");
    List<EvaluationConfig> evaluations = new ArrayList<>();
    if (file == null || !root.hasPath("evaluations")) {
      evaluations.add(EvaluationConfig.read(new Settings(overrides.withFallback(shared), "the evaluation of " + place),
          "evaluation"));
    } else {
      shared = shared.withoutPath("name");
      List<? extends ConfigObject> blocks = objects(root, place);
      if (blocks.isEmpty()) { // a run of nothing would write an empty report and record nothing, every night
        throw new UsageException(place + " has evaluations = [ ], which is no evaluation; give each as a { ... }"
            + " block, or leave the key out for a file that is one evaluation");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < blocks.size(); i++) {
        Config block = blocks.get(i).toConfig();
        String name = block.hasPath("name") ? block.getString("name") : "evaluation-" + (i + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.matches(".*[/\\\\:].*")
            || bytes(name) > MOST_NAME_BYTES) {
          throw new UsageException(place + " names an evaluation '" + name + "', which is not a folder name: a name"
              + " is its folder under output, so it cannot be empty, '.' or '..', hold '/', '\\' or ':', or be longer"
              + " than " + MOST_NAME_BYTES + " bytes");
        }
        if (name.equals(REPORT_FILE)) { // its folder would be where the run's report goes, found only once written
          throw new UsageException(place + " names an evaluation '" + name + "', the name of the run's report in"
              + " output; give the evaluation another name");
        }
        if (!names.add(name)) {
          throw new UsageException(place + " has two evaluations named '" + name + "'; give each its own name");
        }
        if (only == null || only.equals(name)) {
          Config merged = overrides.withFallback(block).withFallback(shared);
          evaluations.add(EvaluationConfig.read(new Settings(merged, "evaluation '" + name + "' of " + place), name));
        }
      }
      if (evaluations.isEmpty()) {
        throw new UsageException("--evaluation " + only + ": " + place + " has no evaluation of that name; it has "
            + String.join(", ", names));
      }
    }
    String output = top.string("output");
    if (output == null) {
      throw new UsageException("an output directory is needed: --output DIR, or output = ... in the job file");
    }
    List<Integer> windows = top.integers("windows");
    for (int w : windows) {
      if (w < 2 || w > 366) {
        throw new UsageException("windows must be between 2 and 366 days, got " + w);
      }
    }
    UsageException.requireEachOnce("windows", windows, "window");
    int driftBaseline = top.integer("drift-baseline", 0);
    if (top.has("drift-baseline") && (driftBaseline < 1 || driftBaseline > 366)) {
      throw new UsageException("drift-baseline must be between 1 and 366 days, got " + driftBaseline);
    }
    String history = top.string("history");
    if (history == null && (!windows.isEmpty() || top.flag("keep-states") || driftBaseline > 0)) {
      throw new UsageException("keep-states, windows and drift-baseline need a history (--history PATH|TABLE)");
    }
    // windows and a drift baseline read the states of days before, so each run keeps its own for the days after
    boolean keepStates = top.flag("keep-states") || !windows.isEmpty() || driftBaseline > 0;
    requireCheckable(evaluations, history, keepStates, top.has("drift-baseline"));
    return new RunConfig(runDate(top.string("run-date")), output, history, keepStates, List.copyOf(windows),
        driftBaseline, List.copyOf(evaluations),
        file != null);
  }

  /**
   * Fails where a gate could never be checked: on the previous run or its scores without a history
   * (that keeps states), on a baseline model nothing in the run gives and no history holds, on the
   * drift baseline without one. Such a gate would be skipped every night.
   */
  private static void requireCheckable(List<EvaluationConfig> evaluations, String history, boolean keepStates,
      boolean driftBaseline) {
    for (EvaluationConfig e : evaluations) {
      for (Gate g : e.gates()) {
        String gate = "gate '" + g.text() + "' of evaluation " + e.name();
        String never = ", or the gate is never checked";
        if (g.reference() == Gate.Reference.PREVIOUS && history == null) {
          throw new UsageException(gate + " compares with the previous run, which only a history holds: give --history"
              + " PATH|TABLE (history = ...)" + never);
        }
        if (g.reference() == Gate.Reference.BASELINE && history == null && !mayEvaluate(evaluations, e.baselineModel())) {
          throw new UsageException(gate + " compares with the baseline model " + e.baselineModel() + ", which no"
              + " evaluation of this run evaluates (its models: " + String.join(", ", models(evaluations)) + ") and"
              + " only a history could hold: name one of its models, or give --history PATH|TABLE" + never);
        }
        if (ScoreDrift.names("previous").contains(g.metric()) && (history == null || !keepStates)) {
          throw new UsageException(gate + " compares the scores with the previous run's, which only a history that"
              + " keeps states holds: give --history PATH|TABLE and --keep-states" + never);
        }
        if (ScoreDrift.names("baseline").contains(g.metric()) && !driftBaseline) {
          throw new UsageException(gate + " compares the scores with the drift baseline: give --drift-baseline DAYS"
              + " (drift-baseline = DAYS) with a history that keeps states" + never);
        }
      }
    }
  }

  /** Whether one of {@code evaluations} may evaluate {@code model}: names it, or has a model column whose values might. */
  private static boolean mayEvaluate(List<EvaluationConfig> evaluations, String model) {
    return evaluations.stream().anyMatch(e -> e.modelColumn() != null || model.equals(e.model()));
  }

  /** The models {@code evaluations} name (those of a model column are known only once it is read). */
  private static List<String> models(List<EvaluationConfig> evaluations) {
    return evaluations.stream().filter(e -> e.modelColumn() == null).map(EvaluationConfig::model).toList();
  }

  /** Whether the history is a metastore table rather than a path: a name without '/' or ':'. */
  public boolean historyIsTable() {
    return history != null && !history.contains("/") && !history.contains(":") && !history.startsWith(".");
  }

  /** The folder of an evaluation's results: the output, or for a job file the evaluation's folder in it. */
  public String outputOf(EvaluationConfig evaluation) {
    return fromFile ? new org.apache.hadoop.fs.Path(output, evaluation.name()).toString() : output;
  }

  /**
   * Where the metrics.json of an evaluation's model goes: with a model column, the folder {@code
   * model=NAME} in the evaluation's, NAME written as {@link #folderName} writes it.
   */
  public String outputOf(EvaluationConfig evaluation, String model) {
    String base = outputOf(evaluation);
    if (evaluation.modelColumn() == null || model == null) { // null: a model column that found no rows
      return base;
    }
    String folder = MODEL_FOLDER + folderName(model);
    if (bytes(folder) > MOST_NAME_BYTES) {
      throw new BadDataException("the model '" + Messages.shortened(model, 40) + "'"
          + " of the model column '" + evaluation.modelColumn() + "' would be the folder name of its report, of "
          + bytes(folder) + " bytes; file systems take names of at most " + MOST_NAME_BYTES + " bytes");
    }
    return new org.apache.hadoop.fs.Path(base, folder).toString();
  }

  /** The run's page in its output folder, beside the evaluations' folders. */
  public static final String REPORT_FILE = "report.html";

  /** How the name of a model's report folder starts: {@code model=NAME}. */
  public static final String MODEL_FOLDER = "model=";

  /** The most bytes a file system (ext4, XFS, HDFS, a cloud store's part of a key) takes in one name. */
  static final int MOST_NAME_BYTES = 255;

  private static int bytes(String name) {
    return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** The characters a folder name cannot hold as they are, which Spark's partition folders also escape. */
  private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

  /**
   * {@code value}, a value of the data, as one folder's name, as Spark names partition folders: a
   * control character or one of {@link #ESCAPED} as %XX, so that a model named {@code ../../x}
   * stays a folder of the output, not a path out of it.
   */
  static String folderName(String value) {
    StringBuilder name = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c < 0x20 || ESCAPED.indexOf(c) >= 0) {
        name.append(String.format(Locale.ROOT, "%%%02X", (int) c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--config " + file + ": no such file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
          .setIncluder(new SiblingIncluder(file)));
    } catch (StackOverflowError e) {
      throw new UsageException("--config " + file + " nests its objects or lists thousands deep, deeper than the job"
          + " file's reader follows; write it with fewer levels");
    }
  }

  private static Config only(Config c, Set<String> keys) {
    Config out = ConfigFactory.empty();
    for (String key : c.root().keySet()) {
      if (keys.contains(key)) {
        out = out.withValue(key, c.getValue(key));
      }
    }
    return out;
  }

  private static List<? extends ConfigObject> objects(Config root, String place) {
    try {
      return root.getObjectList("evaluations");
    } catch (ConfigException e) {
      throw new UsageException("evaluations in " + place + " must be a list of { ... } blocks: " + e.getMessage());
    }
  }

  private static LocalDate runDate(String text) {
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("run-date must be a date like 2026-11-22, got '" + text + "'");
    }
    if (date.getYear() < 1 || date.getYear() > 9999) { // beyond them the history's date column overflows or misreads
      throw new UsageException("run-date must be a date from 0001-01-01 to 9999-12-31, as Spark's dates are, got '"
          + text + "'");
    }
    return date;
  }

  /** Substitutions that the file does not define are looked up among these variables. */
  private static final class Environment implements ConfigResolver {
    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
      this.variables = new HashMap<>(variables);
    }

    @Override
    public ConfigValue lookup(String path) {
      String v = variables.get(path);
      return v == null ? null : ConfigValueFactory.fromAnyRef(v, "environment variable " + path);
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver fallback) {
      return fallback == null ? this : new Chain(this, fallback);
    }
  }

  private record Chain(ConfigResolver first, ConfigResolver second) implements ConfigResolver {
    @Override
    public ConfigValue lookup(String path) {
      ConfigValue v = first.lookup(path);
      return v != null ? v : second.lookup(path);
    }

    @Override
    public ConfigResolver withFallback(ConfigResolver fallback) {
      return new Chain(this, fallback);
    }
  }
}
