/**
 * Runs the real PyKMIP client (python3-pykmip 0.10, /usr/bin/python3) over real mutual TLS against a
 * test server, for one KMIP version, and returns what it got as JSON.
 *
 * One call = one Python process = one ProxyKmipClient connection running a list of steps. A step's
 * args may refer to earlier results: "$id" (or "$id.0" for the first element of a list result).
 *
 * Availability: when python3 or the kmip package is missing, `pykmipAvailability()` says why; tests
 * skip with that message, except when CI=true, where they must fail.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestServer } from './server';

export const PYTHON = '/usr/bin/python3';

export type PyKmipVersion = '1.0' | '1.1' | '1.2' | '1.3' | '1.4' | '2.0';

export interface PyStep {
  id?: string;
  op: string;
  args?: Record<string, unknown>;
}

export interface PyError {
  type: string;
  status?: string;
  reason?: string;
  message: string;
}

export type PyResult = { id: string; ok: true; value: any } | { id: string; ok: false; error: PyError };

export function pykmipAvailability(): { ok: true } | { ok: false; why: string } {
  if (!fs.existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found` };
  const r = spawnSync(PYTHON, ['-c', 'import kmip.pie.client, cryptography'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, why: `python3-pykmip is not importable: ${(r.stderr || '').trim().split('\n').pop()}` };
  return { ok: true };
}

/** describe or describe.skip, failing loudly under CI=true when PyKMIP is missing. */
export function describePyKmip(name: string, fn: () => void): void {
  const a = pykmipAvailability();
  if (a.ok) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs python3-pykmip (CI=true)', () => {
        throw new Error(`PyKMIP is required when CI=true: ${a.why}`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping "${name}": ${a.why}`);
  describe.skip(name, fn);
}

/**
 * Run `steps` through a PyKMIP driver script (written once into the server's directory, with an empty
 * client configuration so no ~/.pykmip or /etc/pykmip file on the machine changes the test), speaking
 * `version` to `server` as the client `client`.
 */
export async function runPyKmipScript(
  server: TestServer,
  scriptName: string,
  scriptText: string,
  version: PyKmipVersion,
  steps: PyStep[],
  client = 'client',
  login?: PyLogin,
): Promise<PyResult[]> {
  const creds = server.clientCert(client);
  const script = path.join(server.dir, scriptName);
  const conf = path.join(server.dir, 'pykmip.conf');
  if (!fs.existsSync(script)) fs.writeFileSync(script, scriptText);
  if (!fs.existsSync(conf)) fs.writeFileSync(conf, '[client]\n');
  const input = JSON.stringify({
    conn: { host: '127.0.0.1', port: server.port, cert: creds.cert, key: creds.key, ca: server.caPath, config_file: conf, ...login },
    version,
    steps,
  });
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const p = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (c) => resolve({ stdout: out, stderr: err, code: c }));
    p.stdin.end(input);
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  let parsed: { results?: PyResult[]; connect_error?: string };
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`PyKMIP driver ${scriptName} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  }
  if (parsed.connect_error) throw new Error(`PyKMIP could not connect: ${parsed.connect_error}`);
  return parsed.results ?? [];
}

/** A Username and Password credential PyKMIP sends in every request header. */
export interface PyLogin {
  username: string;
  password: string;
}

/** Run steps with PyKMIP speaking `version` to `server` as the client `client` (default "client"). */
export function runPyKmip(server: TestServer, version: PyKmipVersion, steps: PyStep[], client = 'client', login?: PyLogin): Promise<PyResult[]> {
  return runPyKmipScript(server, 'pykmip-driver.py', DRIVER, version, steps, client, login);
}

/** The reason (else the error type) of a step that must have failed. */
export function failureReason(r: PyResult | undefined): string {
  if (!r) throw new Error('step did not run');
  if (r.ok) throw new Error(`step ${r.id} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error.reason ?? r.error.type;
}

/** Results by step id. */
export function byId(results: PyResult[]): Record<string, PyResult> {
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

/** The value of a successful step, or a thrown error naming the PyKMIP failure. */
export function valueOf(r: PyResult | undefined): any {
  if (!r) throw new Error('step did not run');
  if (!r.ok) throw new Error(`step ${r.id} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * The step loop every PyKMIP driver script ends with: it reads {"conn", "version", "steps"} from stdin,
 * runs each step through the script's own run_step(c, version, op, args) (args may refer to earlier
 * results as "$id" or "$id.N"), and prints {"results": [...]} or {"connect_error": ...}. The script
 * before it defines VERSIONS, enum_name and run_step, and imports json, pie_client and pexc.
 */
export const PY_MAIN = String.raw`
def resolve(v, results):
    if isinstance(v, str) and v.startswith("$"):
        ref = v[1:].split(".")
        val = results[ref[0]]
        for p in ref[1:]:
            val = val[int(p)] if isinstance(val, list) else val[p]
        return val
    if isinstance(v, list):
        return [resolve(x, results) for x in v]
    if isinstance(v, dict):
        return {k: resolve(x, results) for k, x in v.items()}
    return v


def main():
    req = json.load(sys.stdin)
    conn = req["conn"]
    version = VERSIONS[req["version"]]
    c = pie_client.ProxyKmipClient(hostname=conn["host"], port=conn["port"], cert=conn["cert"], key=conn["key"],
                                   ca=conn["ca"], config_file=conn.get("config_file", "/nonexistent/pykmip.conf"),
                                   username=conn.get("username"), password=conn.get("password"),
                                   kmip_version=version)
    out = []
    values = {}
    try:
        c.open()
    except Exception as e:
        print(json.dumps({"connect_error": "%s: %s" % (type(e).__name__, e)}))
        return
    try:
        for step in req["steps"]:
            sid = step.get("id") or str(len(out))
            try:
                v = run_step(c, req["version"], step["op"], resolve(step.get("args", {}), values))
                values[sid] = v
                out.append({"id": sid, "ok": True, "value": v})
            except pexc.KmipOperationFailure as e:
                out.append({"id": sid, "ok": False, "error": {"type": "KmipOperationFailure", "status": enum_name(e.status),
                            "reason": enum_name(e.reason), "message": str(e.message)}})
            except Exception as e:
                out.append({"id": sid, "ok": False, "error": {"type": type(e).__name__, "message": str(e)}})
    finally:
        try:
            c.close()
        except Exception:
            pass
    print(json.dumps({"results": out}))


main()
`;

const DRIVER = String.raw`
# PyKMIP driver for the Tumbler integration tests (read by test/helpers/pykmip.ts).
# stdin: {"conn": {...}, "version": "1.4", "steps": [{"id":..., "op":..., "args": {...}}]}
# stdout: one JSON object {"results": [{"id", "ok", "value"|"error"}]}.
# A value "$id" (or "$id.N" for the N-th element of a list result) in args refers to an earlier result.
import json
import os
import sys
import datetime
import logging

logging.disable(logging.CRITICAL)

from kmip.core import enums
from kmip.core import objects as cobjects
from kmip.core import primitives
from kmip.core.factories import attributes as attr_factory
from kmip.pie import client as pie_client
from kmip.pie import objects as pobjects
from kmip.pie import exceptions as pexc

VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

AF = attr_factory.AttributeFactory()


def enum_name(v):
    return v.name if hasattr(v, "name") else v


def plain(v):
    """A JSON-friendly rendering of PyKMIP values."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, bytes):
        return {"hex": v.hex()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if hasattr(v, "name") and hasattr(v, "value") and isinstance(getattr(v, "name"), str) and not hasattr(v, "tag"):
        return v.name
    if hasattr(v, "value") and not hasattr(v, "attribute_name"):
        inner = v.value
        if inner is not v:
            return plain(inner)
    if hasattr(v, "name_value"):
        return {"name": plain(v.name_value), "type": plain(v.name_type)}
    return str(v)


def gen_rsa():
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives import serialization
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    priv = k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    pub = k.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    return k, priv, pub


def gen_cert():
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives import hashes, serialization
    k, _, _ = gen_rsa()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, u"pykmip-test-cert")])
    now = datetime.datetime.utcnow()
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=30)).sign(k, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def make_object(kind, args):
    if kind == "SymmetricKey":
        return pobjects.SymmetricKey(enums.CryptographicAlgorithm.AES, 128, os.urandom(16),
                                     masks=[enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT])
    if kind == "SecretData":
        return pobjects.SecretData(os.urandom(32), enums.SecretDataType.PASSWORD,
                                   masks=[enums.CryptographicUsageMask.VERIFY])
    if kind == "OpaqueObject":
        return pobjects.OpaqueObject(b"opaque-" + os.urandom(8), enums.OpaqueDataType.NONE)
    if kind == "PublicKey":
        _, _, pub = gen_rsa()
        return pobjects.PublicKey(enums.CryptographicAlgorithm.RSA, 2048, pub, enums.KeyFormatType.PKCS_1,
                                  masks=[enums.CryptographicUsageMask.VERIFY])
    if kind == "PrivateKey":
        _, priv, _ = gen_rsa()
        return pobjects.PrivateKey(enums.CryptographicAlgorithm.RSA, 2048, priv, enums.KeyFormatType.PKCS_8,
                                   masks=[enums.CryptographicUsageMask.SIGN])
    if kind == "Certificate":
        return pobjects.X509Certificate(gen_cert())
    if kind == "SplitKey":
        return pobjects.SplitKey(cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=128,
                                 key_value=os.urandom(16), split_key_parts=3, key_part_identifier=1,
                                 split_key_threshold=2, split_key_method=enums.SplitKeyMethod.XOR)
    raise ValueError("unknown object kind " + kind)


def describe_object(obj):
    out = {"class": type(obj).__name__, "object_type": enum_name(getattr(obj, "object_type", None))}
    for field in ("cryptographic_algorithm", "cryptographic_length", "key_format_type", "secret_data_type",
                  "opaque_type", "certificate_type"):
        if hasattr(obj, field):
            out[field] = plain(getattr(obj, field))
    value = getattr(obj, "value", None)
    if isinstance(value, bytes):
        out["value_len"] = len(value)
        out["value_hex"] = value.hex()
    return out


def locate_attributes(args):
    attrs = []
    if "name" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.NAME, args["name"]))
    if "object_type" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.OBJECT_TYPE, getattr(enums.ObjectType, args["object_type"])))
    if "state" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.STATE, getattr(enums.State, args["state"])))
    if "algorithm" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                                         getattr(enums.CryptographicAlgorithm, args["algorithm"])))
    if "length" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, args["length"]))
    if "group" in args:
        attrs.append(AF.create_attribute(enums.AttributeType.OBJECT_GROUP, args["group"]))
    return attrs


def run_step(c, version, op, a):
    if op == "create":
        masks = [getattr(enums.CryptographicUsageMask, m) for m in a.get("masks", ["ENCRYPT", "DECRYPT"])]
        return c.create(getattr(enums.CryptographicAlgorithm, a.get("algorithm", "AES")), a.get("length", 256),
                        name=a.get("name"), cryptographic_usage_mask=masks)
    if op == "create_key_pair":
        pub, priv = c.create_key_pair(getattr(enums.CryptographicAlgorithm, a.get("algorithm", "RSA")), a.get("length", 2048),
                                      public_name=a.get("public_name"), private_name=a.get("private_name"))
        return [pub, priv]
    if op == "register":
        obj = make_object(a["type"], a)
        if a.get("name"):
            obj.names = [a["name"]]
        return c.register(obj)
    if op == "get":
        return describe_object(c.get(a.get("uid")))
    if op == "get_attributes":
        uid, attrs = c.get_attributes(a.get("uid"), a.get("names"))
        return {"uid": uid, "attributes": [{"name": plain(x.attribute_name), "index": plain(x.attribute_index), "value": plain(x.attribute_value)} for x in attrs]}
    if op == "get_attribute_list":
        return sorted(c.get_attribute_list(a.get("uid")))
    if op == "locate":
        member = getattr(enums.ObjectGroupMember, a["group_member"]) if "group_member" in a else None
        return c.locate(maximum_items=a.get("maximum_items"), offset_items=a.get("offset_items"),
                        object_group_member=member, attributes=locate_attributes(a))
    if op == "activate":
        c.activate(a.get("uid"))
        return None
    if op == "revoke":
        c.revoke(getattr(enums.RevocationReasonCode, a.get("reason", "CESSATION_OF_OPERATION")), a.get("uid"),
                 revocation_message=a.get("message"))
        return None
    if op == "destroy":
        c.destroy(a.get("uid"))
        return None
    if op == "check":
        return c.check(a.get("uid"), usage_limits_count=a.get("usage_limits_count"),
                       cryptographic_usage_mask=[getattr(enums.CryptographicUsageMask, m) for m in a.get("masks", [])],
                       lease_time=a.get("lease_time"))
    if op == "rekey":
        return c.rekey(uid=a.get("uid"), offset=a.get("offset"))
    if op == "delete_attribute":
        uid, attr = c.delete_attribute(unique_identifier=a.get("uid"), attribute_name=a["name"], attribute_index=a.get("index", 0))
        return {"uid": uid}
    if op == "modify_attribute_name":
        new = AF.create_attribute(enums.AttributeType.NAME, a["value"], index=a.get("index"))
        uid, attr = c.modify_attribute(unique_identifier=a.get("uid"), attribute=new)
        return {"uid": uid, "attribute": None if attr is None else {"name": plain(attr.attribute_name), "value": plain(attr.attribute_value)}}
    if op == "set_attribute":
        return c.set_attribute(unique_identifier=a.get("uid"), attribute_name=a["name"], attribute_value=a["value"])
    if op == "encrypt":
        params = {"block_cipher_mode": enums.BlockCipherMode.CBC, "padding_method": enums.PaddingMethod.PKCS5,
                  "cryptographic_algorithm": enums.CryptographicAlgorithm.AES, "random_iv": True}
        data, iv = c.encrypt(bytes.fromhex(a["data_hex"]), uid=a.get("uid"), cryptographic_parameters=params)
        return {"data_hex": data.hex(), "iv_hex": None if iv is None else iv.hex()}
    if op == "decrypt":
        params = {"block_cipher_mode": enums.BlockCipherMode.CBC, "padding_method": enums.PaddingMethod.PKCS5,
                  "cryptographic_algorithm": enums.CryptographicAlgorithm.AES}
        return c.decrypt(bytes.fromhex(a["data_hex"]), uid=a.get("uid"), cryptographic_parameters=params,
                         iv_counter_nonce=bytes.fromhex(a["iv_hex"])).hex()
    if op == "mac":
        uid, mac = c.mac(bytes.fromhex(a["data_hex"]), uid=a.get("uid"), algorithm=getattr(enums.CryptographicAlgorithm, a.get("algorithm", "HMAC_SHA256")))
        return {"uid": uid, "mac_hex": mac.hex()}
    if op == "query":
        fns = [getattr(enums.QueryFunction, f) for f in a.get("functions", ["QUERY_OPERATIONS", "QUERY_OBJECTS"])]
        r = c.proxy.query(query_functions=fns)
        if r.result_status.value != enums.ResultStatus.SUCCESS:
            raise pexc.KmipOperationFailure(r.result_status.value, r.result_reason.value, r.result_message.value)
        def names(xs):
            return [enum_name(x) if hasattr(x, "name") and not hasattr(x, "tag") else enum_name(x.value) for x in (xs or [])]
        return {"operations": names(r.operations), "object_types": names(r.object_types),
                "vendor_identification": plain(r.vendor_identification)}
    if op == "discover_versions":
        offered = None
        if "offer" in a:
            from kmip.core.messages.contents import ProtocolVersion
            offered = [ProtocolVersion(int(v.split(".")[0]), int(v.split(".")[1])) for v in a["offer"]]
        r = c.proxy.discover_versions(protocol_versions=offered)
        if r.result_status.value != enums.ResultStatus.SUCCESS:
            raise pexc.KmipOperationFailure(r.result_status.value, r.result_reason.value, r.result_message.value)
        return ["%d.%d" % (v.major, v.minor) for v in (r.protocol_versions or [])]
    raise ValueError("unknown op " + op)


` + PY_MAIN;
