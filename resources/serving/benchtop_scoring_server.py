"""Benchtop's scoring server: serves one model version with MLflow's scoring protocol.

Runs inside the image the model was trained in and uses only the Python standard library plus what
that image already has (pickle, and cloudpickle, joblib, pandas when the model needs them): nothing
is installed or downloaded. Benchtop mounts the version's files read-only and passes what it read
from the MLmodel file as JSON (BENCHTOP_SERVING_CONFIG, or --config FILE):

  {"model": NAME, "version": N, "loader": "sklearn" | "python_model", "modelPath": "model.pkl",
   "serialization": "pickle" | "cloudpickle" | "joblib", "predictFn": "predict",
   "codePaths": [], "artifacts": {}, "inputs": [{"name", "type", "required"}] | null}

Protocol (as `mlflow models serve`): GET /ping, /health (200 once the model is loaded), /version;
POST /invocations with application/json ({"dataframe_split"}, {"dataframe_records"},
{"instances"}, {"inputs"}, optional "params") or text/csv; answers {"predictions": [...]}. Errors are
MLflow's JSON: {"error_code": "BAD_REQUEST" | "INVALID_PARAMETER_VALUE", "message": ...}, status 400;
an unsupported content type is 415 in plain text.

Listens on a Unix socket (--unix PATH: the desktop app's proxy connects to it, the container needs
no network) or on TCP (--host, --port: compose and Kubernetes exports).
"""

import argparse
import csv
import io
import json
import os
import pickle
import socket
import socketserver
import sys
import traceback
import types

SERVER_VERSION = "benchtop-scoring/1"
FORMATS = ("dataframe_split", "dataframe_records", "instances", "inputs")
REQUIRED_INPUT_FORMAT = (
    "The input must be a JSON dictionary with exactly one of the input fields "
    "{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}"
)
NUMERIC_TYPES = {"double": "float64", "float": "float32", "long": "int64", "integer": "int32"}

try:
    import pandas as _pd
except Exception:  # the model's image may not have pandas: rows are then passed as lists
    _pd = None


class ScoringError(Exception):
    def __init__(self, error_code, message, status=400):
        super().__init__(message)
        self.error_code = error_code
        self.message = message
        self.status = status


# ---- loading ---------------------------------------------------------------------------------


def _ensure_mlflow_base_classes():
    """A pickled mlflow PythonModel names mlflow.pyfunc.model.PythonModel as its base class. When the
    image has no mlflow, stand-in modules with the same names let the pickle load (the methods a
    PythonModel defines are its own; the base class only supplies defaults)."""
    try:
        import mlflow.pyfunc.model  # noqa: F401

        return
    except Exception:
        pass

    class PythonModel:
        def load_context(self, context):
            return None

    class PythonModelContext:
        def __init__(self, artifacts, model_config=None):
            self.artifacts = artifacts
            self.model_config = model_config or {}

    class _TypeHints:
        """mlflow 3 wraps a PythonModel's predict with its type hints; the pickle names this holder."""

        def __init__(self, input=None, output=None):
            self.input = input
            self.output = output

    names = ["mlflow", "mlflow.pyfunc", "mlflow.pyfunc.model", "mlflow.pyfunc.utils", "mlflow.models", "mlflow.models.signature"]
    made = {}
    for name in names:
        module = types.ModuleType(name)
        module.__path__ = []
        sys.modules[name] = module
        made[name] = module
    made["mlflow.pyfunc.model"].PythonModel = PythonModel
    made["mlflow.pyfunc.model"].PythonModelContext = PythonModelContext
    made["mlflow.pyfunc"].PythonModel = PythonModel
    made["mlflow.pyfunc"].PythonModelContext = PythonModelContext
    made["mlflow.pyfunc"].model = made["mlflow.pyfunc.model"]
    made["mlflow"].pyfunc = made["mlflow.pyfunc"]
    made["mlflow.models.signature"]._TypeHints = _TypeHints
    made["mlflow.models"].signature = made["mlflow.models.signature"]
    made["mlflow"].models = made["mlflow.models"]


def _load_pickle(path, serialization):
    if serialization == "joblib":
        import joblib

        return joblib.load(path)
    with open(path, "rb") as handle:
        if serialization == "cloudpickle":
            import cloudpickle

            return cloudpickle.load(handle)
        return pickle.load(handle)


class LoadedModel:
    def __init__(self, model_dir, config):
        self.config = config
        for code in config.get("codePaths") or []:
            sys.path.insert(0, os.path.join(model_dir, code))
        path = os.path.join(model_dir, config["modelPath"])
        loader = config.get("loader")
        self.context = None
        if loader == "python_model":
            _ensure_mlflow_base_classes()
            self.model = _load_pickle(path, "cloudpickle")
            artifacts = {name: os.path.join(model_dir, rel) for name, rel in (config.get("artifacts") or {}).items()}
            try:
                from mlflow.pyfunc.model import PythonModelContext

                self.context = PythonModelContext(artifacts=artifacts, model_config={})
            except Exception:
                self.context = types.SimpleNamespace(artifacts=artifacts, model_config={})
            if hasattr(self.model, "load_context"):
                self.model.load_context(self.context)
            predict = self.model.predict
            try:
                import inspect

                takes_params = "params" in inspect.signature(predict).parameters  # follows mlflow's wrapper to the model's own predict
            except (TypeError, ValueError):
                takes_params = False
            if takes_params:
                self._predict = lambda data, params: predict(self.context, data, params=params)
            else:
                self._predict = lambda data, params: predict(self.context, data)
        elif loader == "sklearn":
            self.model = _load_pickle(path, config.get("serialization") or "pickle")
            method = getattr(self.model, config.get("predictFn") or "predict")
            self._predict = lambda data, params: method(data)
        else:
            raise RuntimeError("unknown loader %r" % (loader,))

    def predict(self, data, params):
        declared = self.config.get("params")
        if declared:
            # As MLflow: the signature's defaults, overridden by the request's known params.
            merged = {param["name"]: param.get("default") for param in declared}
            for key, value in (params or {}).items():
                if key in merged:
                    merged[key] = value
            params = merged
        return self._predict(data, params)


# ---- input -----------------------------------------------------------------------------------


class Columns:
    """Input as named columns, in order, each a list of row values."""

    def __init__(self, names, values):
        self.names = names
        self.values = values


def _rows_to_columns(names, rows):
    values = [[] for _ in names]
    width = len(names)
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise ScoringError("BAD_REQUEST", "Invalid input. Each row of 'data' must be a list of %d values (one per column)." % width)
        for index in range(width):
            values[index].append(row[index])
    return Columns(list(names), values)


def _records_to_columns(records):
    names = []
    seen = set()
    for record in records:
        if not isinstance(record, dict):
            raise ScoringError("BAD_REQUEST", "Invalid input. Records must be JSON objects of column: value.")
        for key in record:
            if key not in seen:
                seen.add(key)
                names.append(key)
    return Columns(names, [[record.get(name) for record in records] for name in names])


def _dict_to_columns(mapping):
    names = list(mapping.keys())
    values = []
    length = None
    for name in names:
        column = mapping[name]
        if not isinstance(column, list):
            column = [column]
        if length is not None and len(column) != length:
            raise ScoringError("BAD_REQUEST", "Invalid input. All columns must have the same length.")
        length = len(column)
        values.append(column)
    return Columns(names, values)


def parse_json(body, schema_names):
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ScoringError(
            "BAD_REQUEST",
            "Invalid input. Ensure that input is a valid JSON formatted string. Error: '%r'" % (error,),
        )
    if isinstance(document, list):
        raise ScoringError("BAD_REQUEST", "Invalid input. %s. Received a list." % REQUIRED_INPUT_FORMAT)
    if not isinstance(document, dict):
        raise ScoringError("BAD_REQUEST", "Invalid input. %s. Received unexpected input type '%s'." % (REQUIRED_INPUT_FORMAT, type(document)))
    keys = [key for key in document if key in FORMATS]
    if len(keys) != 1:
        raise ScoringError(
            "BAD_REQUEST",
            "%s. Received dictionary with input fields: %s." % (REQUIRED_INPUT_FORMAT, json.dumps(keys)),
        )
    form = keys[0]
    data = document[form]
    params = document.get("params")
    if params is not None and not isinstance(params, dict):
        raise ScoringError("BAD_REQUEST", "Invalid input. 'params' must be a JSON object.")
    if form == "dataframe_split":
        if not isinstance(data, dict):
            raise ScoringError("BAD_REQUEST", "Invalid input. 'dataframe_split' must be an object with 'columns' and 'data'.")
        rows = data.get("data", [])
        names = data.get("columns")
        if names is None:
            names = schema_names if schema_names and rows and isinstance(rows[0], list) and len(rows[0]) == len(schema_names) else [str(i) for i in range(len(rows[0]) if rows and isinstance(rows[0], list) else 0)]
        if not isinstance(names, list) or not isinstance(rows, list):
            raise ScoringError("BAD_REQUEST", "Invalid input. 'dataframe_split' needs 'columns' (a list) and 'data' (a list of rows).")
        return _rows_to_columns([str(name) for name in names], rows), params
    if form == "dataframe_records":
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise ScoringError("BAD_REQUEST", "Invalid input. 'dataframe_records' must be a list of records.")
        return _records_to_columns(data), params
    # instances / inputs: records, a dict of columns, or rows in the signature's column order.
    if isinstance(data, dict):
        return _dict_to_columns(data), params
    if isinstance(data, list):
        if data and all(isinstance(item, dict) for item in data):
            return _records_to_columns(data), params
        if schema_names:
            rows = [item if isinstance(item, list) else [item] for item in data]
            return _rows_to_columns(schema_names, rows), params
        return data, params
    return [data], params


def parse_csv(body, schema):
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScoringError("BAD_REQUEST", "Invalid input. Ensure that input is a valid UTF-8 encoded string. Error: '%r'" % (error,))
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ScoringError("BAD_REQUEST", "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: 'No columns to parse from file'")
    rows = [row for row in reader if row]
    width = len(header)
    values = [[] for _ in header]
    for row in rows:
        for index in range(width):
            values[index].append(row[index] if index < len(row) and row[index] != "" else None)
    types_by_name = {column["name"]: column.get("type") for column in schema or []}
    for index, name in enumerate(header):
        kind = types_by_name.get(name)
        column = values[index]
        try:
            if kind in ("double", "float"):
                values[index] = [float("nan") if v is None else float(v) for v in column]
            elif kind in ("long", "integer"):
                values[index] = [None if v is None else int(v) for v in column]
            elif kind == "boolean":
                values[index] = [None if v is None else v.strip().lower() in ("true", "1") for v in column]
            elif kind is None:
                values[index] = [_guess_csv_value(v) for v in column]
        except ValueError as error:
            raise ScoringError(
                "BAD_REQUEST",
                "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '%s' (column %s)" % (error, name),
            )
    return Columns(header, values)


def _guess_csv_value(value):
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def _convert(value, kind, name):
    if kind in ("double", "float"):
        if value is None:
            return float("nan")
        if isinstance(value, (bool, int, float)):
            return float(value)
        if isinstance(value, str):
            return float(value)
        raise ValueError("setting an array element with a sequence.")
    if kind in ("long", "integer"):
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise ScoringError(
                "INVALID_PARAMETER_VALUE",
                "Failed to enforce schema. Error: Incompatible input types for column %s. Can not safely convert float64 to %s." % (name, NUMERIC_TYPES[kind]),
            )
        if isinstance(value, str):
            return int(value)
        raise ValueError("cannot convert %r to an integer" % (value,))
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        raise ValueError("cannot convert %r to a boolean" % (value,))
    if kind == "string":
        if value is None or isinstance(value, str):
            return value
        raise ScoringError(
            "INVALID_PARAMETER_VALUE",
            "Failed to enforce schema. Error: Incompatible input types for column %s. Can not safely convert %s to string." % (name, type(value).__name__),
        )
    return value


def enforce_schema(columns, schema):
    """Keeps the signature's columns in its order, converts each to its type; a missing required
    column or a value that does not convert is an error naming the column (as MLflow)."""
    if not schema or not isinstance(columns, Columns):
        return columns
    given = dict(zip(columns.names, columns.values))
    missing = [column["name"] for column in schema if column.get("required", True) and column["name"] not in given]
    if missing:
        raise ScoringError(
            "INVALID_PARAMETER_VALUE",
            "Failed to enforce schema of data with schema %s. Error: Model is missing inputs %s." % (
                "[" + ", ".join("'%s': %s" % (c["name"], c.get("type")) for c in schema) + "]",
                "[" + ", ".join("'%s'" % name for name in missing) + "]",
            ),
        )
    names = []
    values = []
    for column in schema:
        name = column["name"]
        if name not in given:
            continue
        kind = column.get("type")
        raw = given[name]
        try:
            if kind in ("double", "float"):
                try:
                    converted = [float(value) for value in raw]  # the common case, in one pass
                except (TypeError, ValueError):
                    converted = [_convert(value, kind, name) for value in raw]
            else:
                converted = [_convert(value, kind, name) for value in raw] if kind else raw
        except ScoringError:
            raise
        except (ValueError, TypeError) as error:
            raise ScoringError(
                "BAD_REQUEST",
                "Invalid input. Data is not compatible with model signature. Failed to convert column %s to type '%s'. Error: '%r'" % (name, NUMERIC_TYPES.get(kind, kind), error),
            )
        names.append(name)
        values.append(converted)
    return Columns(names, values)


def numeric_matrix(columns, schema):
    """All columns of one float type (the usual tabular model): the rows as one 2-D numpy array, or None."""
    if not schema or not isinstance(columns, Columns) or not columns.values:
        return None
    kinds = {column["name"]: column.get("type") for column in schema}
    types = {NUMERIC_TYPES.get(kinds.get(name)) for name in columns.names}
    if len(types) != 1 or next(iter(types)) not in ("float64", "float32"):
        return None
    try:
        import numpy
    except Exception:
        return None
    return numpy.array(columns.values, dtype=next(iter(types))).T


def to_model_input(columns, schema, matrix=None):
    if not isinstance(columns, Columns):
        return columns
    if _pd is None:
        return [list(row) for row in zip(*columns.values)]
    if matrix is not None:
        return _pd.DataFrame(matrix, columns=columns.names, copy=False)  # one block: far cheaper than a dict of columns
    kinds = {column["name"]: column.get("type") for column in schema or []}
    data = {}
    for name, values in zip(columns.names, columns.values):
        numpy_type = NUMERIC_TYPES.get(kinds.get(name))
        if numpy_type is not None and not (numpy_type.startswith("int") and any(v is None for v in values)):
            data[name] = _pd.array(values, dtype=numpy_type) if numpy_type.startswith("int") else _float_array(values, numpy_type)
        else:
            data[name] = values
    return _pd.DataFrame(data, columns=columns.names)


def _float_array(values, numpy_type):
    import numpy

    return numpy.asarray(values, dtype=numpy_type)


def to_jsonable(predictions):
    if _pd is not None:
        if isinstance(predictions, _pd.DataFrame):
            return predictions.to_dict(orient="records")
        if isinstance(predictions, _pd.Series):
            return predictions.tolist()
    if hasattr(predictions, "tolist"):
        return predictions.tolist()
    return predictions


# ---- HTTP ------------------------------------------------------------------------------------


class ScoringService:
    def __init__(self, model, config):
        self.model = model
        self.config = config
        self.schema = config.get("inputs") or None
        self.schema_names = [column["name"] for column in self.schema] if self.schema else None
        self.version_body = json.dumps({"server": SERVER_VERSION, "model": config.get("model"), "version": config.get("version")}).encode()
        self.version_header = str(config.get("version", ""))
        # Whether the model answers a plain array exactly as the frame (decided on the first request).
        self.array_ok = None
        names = getattr(model.model, "feature_names_in_", None)
        if names is not None and (self.schema_names is None or [str(n) for n in names] != self.schema_names):
            self.array_ok = False  # trained on other columns, or in another order: keep the frame

    def _predict_array(self, matrix, columns, params):
        """sklearn turns a frame into this very array before predicting; skipping the frame saves most
        of the time of a small request. The first request predicts both ways: the array is used from
        then on only when both agree (a pipeline that selects columns by name refuses an array)."""
        if self.array_ok:
            return self.model.predict(matrix, params)
        frame_answer = self.model.predict(to_model_input(columns, self.schema, matrix), params)
        import warnings

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                array_answer = self.model.predict(matrix, params)
            same = type(array_answer) is type(frame_answer) and to_jsonable(array_answer) == to_jsonable(frame_answer)
        except Exception:
            same = False
        self.array_ok = same
        if same:
            warnings.filterwarnings("ignore", message="X does not have valid feature names")
        return frame_answer

    def invoke(self, content_type, body):
        parts = [part.strip() for part in (content_type or "").split(";")]
        mime = parts[0].lower()
        parameters = dict(part.partition("=")[::2] for part in parts[1:] if part)
        charset = parameters.pop("charset", "utf-8").lower()
        if charset != "utf-8":
            return 415, "text/plain", b"The scoring server only supports UTF-8"
        if parameters:
            return 415, "text/plain", ("Unrecognized content type parameters: %s." % ", ".join(parameters)).encode()
        if mime == "application/json":
            columns, params = parse_json(body, self.schema_names)
        elif mime == "text/csv":
            columns, params = parse_csv(body, self.schema), None
        else:
            message = "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got '%s'." % (content_type or "")
            return 415, "text/plain", message.encode()
        columns = enforce_schema(columns, self.schema)
        matrix = numeric_matrix(columns, self.schema)
        try:
            if matrix is not None and self.array_ok is not False and self.model.config.get("loader") == "sklearn":
                predictions = self._predict_array(matrix, columns, params)
            else:
                predictions = self.model.predict(to_model_input(columns, self.schema, matrix), params)
        except ScoringError:
            raise
        except Exception:
            raise ScoringError(
                "BAD_REQUEST",
                "Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is compatible with the model for inference.\n" + traceback.format_exc(limit=3),
            )
        body = json.dumps({"predictions": to_jsonable(predictions)}, allow_nan=True).encode()
        return 200, "application/json", body


REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 411: "Length Required", 413: "Payload Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error"}
MAX_LINE = 65536


def make_handler(service):
    """A lean HTTP/1.1 handler: keep-alive, Content-Length or chunked bodies, `Expect: 100-continue`,
    one write per response. (http.server parses headers with the email package, which costs more
    than predicting a row.)"""

    def answer_post(path, content_type, body):
        if path != "/invocations":
            return 404, "application/json", json.dumps({"error_code": "ENDPOINT_NOT_FOUND", "message": "No route %s" % path}).encode()
        try:
            return service.invoke(content_type, body)
        except ScoringError as error:
            return error.status, "application/json", json.dumps({"error_code": error.error_code, "message": error.message}).encode()
        except Exception:
            return 500, "application/json", json.dumps({"error_code": "INTERNAL_ERROR", "message": traceback.format_exc(limit=3)}).encode()

    def answer_get(path):
        if path in ("/ping", "/health"):
            return 200, "application/json", b"\n"
        if path == "/version":
            return 200, "application/json", service.version_body
        return 404, "application/json", json.dumps({"error_code": "ENDPOINT_NOT_FOUND", "message": "No route %s" % path}).encode()

    class Handler(socketserver.StreamRequestHandler):
        def send(self, status, content_type, body, keep_alive, head_only=False):
            head = "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nX-Benchtop-Model-Version: %s\r\n%s\r\n" % (
                status,
                REASONS.get(status, ""),
                content_type,
                len(body),
                service.version_header,
                "" if keep_alive else "Connection: close\r\n",
            )
            self.wfile.write(head.encode("latin-1") if head_only else head.encode("latin-1") + body)

        def read_chunked(self):
            parts = []
            while True:
                size = int(self.rfile.readline(MAX_LINE).split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(MAX_LINE) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline(MAX_LINE)

        def handle(self):
            rfile = self.rfile
            while True:
                line = rfile.readline(MAX_LINE)
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    continue
                parts = line.split()
                if len(parts) != 3:
                    self.send(400, "text/plain", b"Bad request line.", False)
                    return
                method, target, version = parts
                headers = {}
                while True:
                    header = rfile.readline(MAX_LINE)
                    if header in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = header.partition(b":")
                    headers[name.strip().lower()] = value.strip()
                connection = headers.get(b"connection", b"").lower()
                keep_alive = connection != b"close" if version == b"HTTP/1.1" else connection == b"keep-alive"
                path = target.split(b"?", 1)[0].decode("latin-1")
                if method == b"GET" or method == b"HEAD":
                    status, content_type, body = answer_get(path)
                elif method == b"POST":
                    if headers.get(b"expect", b"").lower() == b"100-continue":
                        self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
                        body = self.read_chunked()
                    elif b"content-length" in headers:
                        body = rfile.read(int(headers[b"content-length"]))
                    else:
                        self.send(411, "text/plain", b"Send a Content-Length header.", False)
                        return
                    content_type = headers.get(b"content-type")
                    status, content_type, body = answer_post(path, content_type.decode("latin-1") if content_type is not None else None, body)
                else:
                    self.send(405, "text/plain", b"Use GET or POST.", False)
                    return
                self.send(status, content_type, body, keep_alive, head_only=method == b"HEAD")
                if not keep_alive:
                    return

    return Handler


class UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    # A full backlog refuses a Unix-socket connect at once (EAGAIN): leave room for a burst of new
    # connections, such as the proxy opening its pool when traffic switches to this server.
    request_queue_size = 512

    def get_request(self):
        request, _ = self.socket.accept()
        return request, ("local", 0)


class TcpHTTPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512

    def get_request(self):
        request, address = self.socket.accept()
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return request, address


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="/opt/benchtop/model", help="the model version's files")
    parser.add_argument("--config", help="a JSON file (else BENCHTOP_SERVING_CONFIG)")
    parser.add_argument("--unix", help="listen on this Unix socket")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    if args.config:
        with open(args.config) as handle:
            config = json.load(handle)
    else:
        config = json.loads(os.environ.get("BENCHTOP_SERVING_CONFIG") or "{}")
    if not config.get("modelPath"):
        print("benchtop-serve: no model configuration (set BENCHTOP_SERVING_CONFIG)", file=sys.stderr)
        return 2
    print("benchtop-serve: loading %s version %s (%s)" % (config.get("model"), config.get("version"), config.get("loader")), flush=True)
    try:
        model = LoadedModel(args.model, config)
    except Exception:
        print("benchtop-serve: the model did not load:\n" + traceback.format_exc(), file=sys.stderr, flush=True)
        return 3
    service = ScoringService(model, config)
    handler = make_handler(service)
    if args.unix:
        try:
            os.unlink(args.unix)
        except FileNotFoundError:
            pass
        server = UnixHTTPServer(args.unix, handler)
        os.chmod(args.unix, 0o666)
        where = "unix:" + args.unix
    else:
        server = TcpHTTPServer((args.host, args.port), handler)
        where = "http://%s:%d" % (args.host, args.port)
    print("benchtop-serve: listening on %s" % where, flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
