package io.evalspark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalspark.core.BadDataException;
import io.evalspark.core.Choice;
import io.evalspark.core.Task;
import io.evalspark.report.TextFiles;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained network with what it needs to predict: its features, the standardisation, the task,
 * and (for the record) the loss and training settings. Stored as {@code model.json}.
 *
 * @param net the architecture with its standardisation
 * @param weights the flat parameters
 * @param features where the features are read from
 * @param label the label column trained on
 * @param task binary, multiclass or regression
 * @param output the model output as named on the command line
 * @param loss the loss trained with: its name, expression or class
 * @param training the training settings and outcome, for the record
 */
public record TrainedModel(Network net, double[] weights, FeatureColumns features, String label, Task task,
    ModelOutput output, String loss, Map<String, Object> training) implements Serializable {
  /** The model file's name in its directory. */
  public static final String FILE = "model.json";
  private static final int VERSION = 1;

  /** Whether a binary model's output is a raw margin (a linear output), whose sigmoid is the probability. */
  public boolean scoresAreMargins() {
    return task == Task.BINARY && net.output() == Activation.LINEAR;
  }

  /** The JSON tree of the model file. */
  public Map<String, Object> tree() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("format", "evalspark-model");
    t.put("version", VERSION);
    t.put("task", task().displayName());
    Map<String, Object> f = new LinkedHashMap<>();
    if (features.vector() != null) {
      f.put("vector", features.vector());
    } else {
      f.put("columns", features.columns());
    }
    f.put("size", features.size());
    t.put("features", f);
    t.put("label", label);
    Map<String, Object> loss = new LinkedHashMap<>();
    loss.put("name", this.loss);
    t.put("loss", loss);
    Map<String, Object> arch = new LinkedHashMap<>();
    arch.put("output", output.name().toLowerCase(Locale.ROOT));
    arch.put("inputs", net.inputs());
    List<Object> layers = new ArrayList<>();
    int[] sizes = net.sizes();
    for (int l = 1; l < sizes.length; l++) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("units", sizes[l]);
      layer.put("activation", net.activations()[l - 1].label());
      layer.put("kernel", kernel(l));
      layer.put("bias", java.util.Arrays.copyOfRange(weights, net.offset(l) + sizes[l] * sizes[l - 1],
          net.offset(l) + sizes[l] * sizes[l - 1] + sizes[l]));
      layers.add(layer);
    }
    arch.put("layers", layers);
    t.put("architecture", arch);
    Map<String, Object> standard = new LinkedHashMap<>();
    standard.put("means", net.means());
    standard.put("scales", net.scales());
    t.put("standardization", standard);
    t.put("training", training);
    return t;
  }

  private double[][] kernel(int l) {
    int[] sizes = net.sizes();
    double[][] k = new double[sizes[l]][];
    for (int i = 0; i < sizes[l]; i++) {
      int row = net.offset(l) + i * sizes[l - 1];
      k[i] = java.util.Arrays.copyOfRange(weights, row, row + sizes[l - 1]);
    }
    return k;
  }

  /** The model file {@code path} names: {@code path/model.json} for a folder, else {@code path} itself. */
  public static String file(String path) {
    return TextFiles.isFolder(path) ? TextFiles.child(path, FILE) : path;
  }

  /**
   * Reads {@code dir/model.json} (or the file {@code path} itself).
   *
   * @throws BadDataException where it is missing or not an evalspark model
   */
  public static TrainedModel read(String path) {
    String file = file(path);
    JsonNode t;
    try {
      t = TextFiles.readJson(file);
    } catch (IOException e) {
      throw new BadDataException("cannot read the model " + file + ": " + e.getMessage());
    }
    if (t == null || !"evalspark-model".equals(t.path("format").asText()) || t.path("version").asInt() != VERSION) {
      throw new BadDataException(file + " is not an evalspark model file of version " + VERSION);
    }
    try {
      return of(t, file);
    } catch (IllegalArgumentException e) { // an unknown activation, output or task; layers that do not fit
      throw new BadDataException(file + " does not describe a model: " + e.getMessage());
    }
  }

  /** The model that the tree {@code t} of {@code file} describes, each number and shape checked. */
  private static TrainedModel of(JsonNode t, String file) {
    FeatureColumns features = features(t.path("features"));
    JsonNode arch = t.path("architecture");
    JsonNode layers = arch.path("layers");
    if (layers.size() == 0) {
      throw new IllegalArgumentException("it has no layers");
    }
    int[] sizes = new int[layers.size() + 1];
    Activation[] acts = new Activation[layers.size()];
    sizes[0] = arch.path("inputs").asInt();
    if (sizes[0] != features.size()) {
      throw new BadDataException(file + " has " + features.size() + " features and " + sizes[0] + " inputs");
    }
    List<Double> flat = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      JsonNode layer = layers.get(l);
      sizes[l + 1] = layer.path("units").asInt();
      acts[l] = named(Activation.class, "an activation", layer.path("activation").asText());
      requireShape(layer, l + 1, sizes[l + 1], sizes[l]);
      layer.path("kernel").forEach(row -> row.forEach(v -> flat.add(number(v, "a weight", file))));
      layer.path("bias").forEach(v -> flat.add(number(v, "a weight", file)));
    }
    double[] scales = doubles(t.path("standardization").path("scales"), "a standardisation scale", file);
    for (double scale : scales) {
      if (!(scale > 0.0)) {
        throw new BadDataException(file + " holds a standardisation scale of " + scale + "; scales are above 0");
      }
    }
    Network net = new Network(sizes, acts, doubles(t.path("standardization").path("means"), "a standardisation mean",
        file), scales);
    double[] weights = flat.stream().mapToDouble(Double::doubleValue).toArray(); // as many as the shapes checked
    ModelOutput output = named(ModelOutput.class, "an output", arch.path("output").asText());
    Task task = named(Task.class, "a task", t.path("task").asText());
    requireAgreement(task, output, net);
    @SuppressWarnings("unchecked")
    Map<String, Object> training = new ObjectMapper().convertValue(t.path("training"), Map.class);
    return new TrainedModel(net, weights, features, t.path("label").asText(), task, output,
        t.path("loss").path("name").asText(), training);
  }

  /** The features the file names: distinct columns, as many as its size, or a vector column. */
  private static FeatureColumns features(JsonNode f) {
    List<String> columns = new ArrayList<>();
    f.path("columns").forEach(c -> columns.add(c.asText()));
    String vector = f.hasNonNull("vector") ? f.get("vector").asText() : null;
    int size = f.path("size").asInt();
    if ((vector == null) == columns.isEmpty()) {
      throw new IllegalArgumentException("its features name " + (vector == null ? "neither" : "both")
          + " feature columns " + (vector == null ? "nor" : "and") + " a vector column; train writes one of them");
    }
    if (size < 1) {
      throw new IllegalArgumentException("its features have size " + size + "; a model reads at least 1");
    }
    if (vector == null && columns.size() != size) {
      throw new IllegalArgumentException("its features name " + columns.size() + " columns and have size " + size);
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("its features name a column twice: " + columns);
    }
    return new FeatureColumns(columns, vector, size);
  }

  /** Checks that layer {@code number}'s kernel has a row of {@code inputs} weights a unit, and its bias one a unit. */
  private static void requireShape(JsonNode layer, int number, int units, int inputs) {
    if (units < 1) {
      throw new IllegalArgumentException("layer " + number + " has " + units + " units; every layer has at least 1");
    }
    JsonNode kernel = layer.path("kernel");
    boolean rowsFit = kernel.size() == units;
    for (JsonNode row : kernel) {
      rowsFit &= row.isArray() && row.size() == inputs;
    }
    if (!rowsFit || !layer.path("bias").isArray() || layer.path("bias").size() != units) {
      throw new IllegalArgumentException("layer " + number + " of " + units + " units over " + inputs + " inputs"
          + " needs a kernel of " + units + " rows of " + inputs + " weights and a bias of " + units);
    }
  }

  /** Checks that the output layer is what the task and the output name say: its activation and units. */
  private static void requireAgreement(Task task, ModelOutput output, Network net) {
    if (task != Task.BINARY && task != Task.MULTICLASS && task != Task.REGRESSION) {
      throw new IllegalArgumentException("its task is " + task.displayName() + "; a model's is binary, multiclass or"
          + " regression");
    }
    if (output.task() != task && output != ModelOutput.LINEAR) { // a linear output serves every task, as logits
      throw new IllegalArgumentException("a " + output.name().toLowerCase(Locale.ROOT) + " output predicts for a "
          + output.task().displayName() + " task, not a " + task.displayName() + " one");
    }
    if (net.output() != output.activation()) {
      throw new IllegalArgumentException("the last layer's activation is " + net.output().label() + "; a "
          + output.name().toLowerCase(Locale.ROOT) + " output's is " + output.activation().label());
    }
    int units = net.sizes()[net.sizes().length - 1];
    if (task == Task.MULTICLASS ? units < 2 : units != 1) {
      throw new IllegalArgumentException("the last layer has " + units + " units; a " + task.displayName()
          + " model's has " + (task == Task.MULTICLASS ? "one a class, at least 2" : "1"));
    }
  }

  /** The constant of {@code type} the file names {@code text}, or an error naming {@code what} it was to be. */
  private static <E extends Enum<E>> E named(Class<E> type, String what, String text) {
    return Choice.find(type, text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not " + what
        + "; expected one of [" + Choice.names(type) + "]"));
  }

  private static double[] doubles(JsonNode array, String what, String file) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i), what, file);
    }
    return out;
  }

  /** A finite number of the file, or an error that names {@code what} it was to be. */
  private static double number(JsonNode v, String what, String file) {
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new BadDataException(file + " holds " + what + " of " + v + "; expected a finite number");
    }
    return v.asDouble();
  }
}
