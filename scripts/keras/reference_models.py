"""The reference models of the saving interop check, built in Keras 3.

The builders take the Keras module as an argument (Keras 3, or tf_keras for tf.keras 2 files).
Each model exists twice: here, in real Keras, and in scripts/keras/interop_models.ts, in kerasm,
with the same layers, names and compile arguments, so that a weights-only file written by one
loads into the other's build of the same model. Shapes are tiny to keep the fixtures small.
"""

import numpy as np

import keras

SEED = 1234
TRAIN_SAMPLES = 32
BATCH_SIZE = 8  # 32 samples in batches of 8: four optimizer steps
PROBE_SAMPLES = 4


@keras.saving.register_keras_serializable(package="kerasm_test")
class ScaleShift(keras.layers.Layer):
    """`x * scale * multiplier + offset`, with one learned scale and offset per feature."""

    def __init__(self, multiplier=1.0, **kwargs):
        super().__init__(**kwargs)
        self.multiplier = multiplier

    def build(self, input_shape):
        features = input_shape[-1]
        self.scale = self.add_weight(shape=(features,), initializer="ones", name="scale")
        self.offset = self.add_weight(shape=(features,), initializer="zeros", name="offset")

    def call(self, inputs):
        return inputs * self.scale * self.multiplier + self.offset

    def get_config(self):
        return {**super().get_config(), "multiplier": self.multiplier}


def mlp(keras):
    """The MNIST-style MLP, on 8x8 digits."""
    model = keras.Sequential(
        [
            keras.Input((64,), name="pixels"),
            keras.layers.Dense(32, activation="relu", name="hidden"),
            keras.layers.Dropout(0.2, name="dropout"),
            keras.layers.Dense(10, activation="softmax", name="probabilities"),
        ],
        name="mlp",
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def cnn(keras):
    """Conv2D, BatchNormalization, MaxPooling2D, Dropout, Flatten, Dense on 8x8 images."""
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1), name="image"),
            keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv"),
            keras.layers.BatchNormalization(name="norm"),
            keras.layers.MaxPooling2D(2, name="pool"),
            keras.layers.Dropout(0.25, name="dropout"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(10, activation="softmax", name="probabilities"),
        ],
        name="cnn",
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def multi_io(keras):
    """Two inputs joined by Concatenate, two outputs with their own losses and loss weights."""
    title = keras.Input((8,), name="title")
    body = keras.Input((5,), name="body")
    t = keras.layers.Dense(8, activation="relu", name="title_features")(title)
    b = keras.layers.Dense(8, activation="relu", name="body_features")(body)
    joined = keras.layers.Concatenate(name="joined")([t, b])
    department = keras.layers.Dense(3, activation="softmax", name="department")(joined)
    priority = keras.layers.Dense(1, name="priority")(joined)
    model = keras.Model([title, body], [department, priority], name="multi_io")
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=5e-3),
        loss={"department": "sparse_categorical_crossentropy", "priority": "mse"},
        loss_weights={"department": 1.0, "priority": 0.5},
    )
    return model


def nested(keras):
    """A Sequential encoder used as a layer inside a Functional model."""
    encoder = keras.Sequential(
        [
            keras.Input((6,), name="encoder_input"),
            keras.layers.Dense(8, activation="relu", name="encode_1"),
            keras.layers.Dense(4, activation="relu", name="encode_2"),
        ],
        name="encoder",
    )
    features = keras.Input((6,), name="features")
    outputs = keras.layers.Dense(2, name="head")(encoder(features))
    model = keras.Model(features, outputs, name="nested")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), loss="mse")
    return model


def custom(keras):
    """A model with the registered custom layer `kerasm_test>ScaleShift` between two Dense layers."""
    signal = keras.Input((8,), name="signal")
    x = keras.layers.Dense(8, activation="tanh", name="mix")(signal)
    x = ScaleShift(multiplier=2.0, name="scale_shift")(x)
    outputs = keras.layers.Dense(3, name="readout")(x)
    model = keras.Model(signal, outputs, name="custom")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")
    return model


BUILDERS = {"mlp": mlp, "cnn": cnn, "multi_io": multi_io, "nested": nested, "custom": custom}
# The models whose training involves no randomness (no dropout): one per optimizer.
DETERMINISTIC = ["multi_io", "nested", "custom"]


def build(name, keras_module=keras):
    """The named reference model, compiled, with weights initialised from the fixed seed.

    `keras_module` is Keras 3 or, for genuine tf.keras 2 files, `tf_keras` (the MLP and the CNN
    use only the API the two share).
    """
    keras_module.utils.set_random_seed(SEED)
    return BUILDERS[name](keras_module)


def input_shapes(name):
    """Each input's shape without the batch axis, by input name (the model's input order)."""
    return {
        "mlp": {"pixels": (64,)},
        "cnn": {"image": (8, 8, 1)},
        "multi_io": {"title": (8,), "body": (5,)},
        "nested": {"features": (6,)},
        "custom": {"signal": (8,)},
    }[name]


def training_data(name):
    """Fixed random inputs and targets (lists in the model's input / output order)."""
    rng = np.random.default_rng(SEED + 1)
    x = [rng.uniform(-1, 1, (TRAIN_SAMPLES, *shape)).astype("float32") for shape in input_shapes(name).values()]
    classes = lambda n: rng.integers(0, n, (TRAIN_SAMPLES,)).astype("int32")
    values = lambda n: rng.normal(0, 1, (TRAIN_SAMPLES, n)).astype("float32")
    y = {
        "mlp": lambda: [classes(10)],
        "cnn": lambda: [classes(10)],
        "multi_io": lambda: [classes(3), values(1)],
        "nested": lambda: [values(2)],
        "custom": lambda: [values(3)],
    }[name]()
    return x, y


def probe_inputs(name):
    """The fixed inputs whose predictions are stored, by input name."""
    rng = np.random.default_rng(SEED + 2)
    return {key: rng.uniform(-1, 1, (PROBE_SAMPLES, *shape)).astype("float32") for key, shape in input_shapes(name).items()}
