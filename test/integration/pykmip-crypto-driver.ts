/**
 * A PyKMIP driver for the cryptographic integration tests (pykmip-crypto, key-protection): the same
 * contract as test/helpers/pykmip.ts (one Python process = one ProxyKmipClient connection running a list
 * of steps; "$id" / "$id.N" refer to earlier results), with the operations those tests need: key
 * material in and out as hex, Cryptographic Parameters as dictionaries of PyKMIP enum names, Get with a
 * Key Format Type or a Key Wrapping Specification, Sign/Verify, MAC, Derive Key, Re-key links.
 */
import * as fs from 'node:fs';
import type { TestServer } from '../helpers/server';
import { PY_MAIN, runPyKmipScript, type PyKmipVersion, type PyResult, type PyStep } from '../helpers/pykmip';
import { KmipConnection } from '../../src/client/connection';
import { decodeResponse, encodeRequest, type RequestItem, type ResponseItem } from '../../src/bench/requests';
import { Tag, Operation, LinkType } from '../../src/kmip';
import { T, child, children } from '../../src/ttlv/item';

/** One request message with the project's own client over mutual TLS; the answered batch items. */
export async function kmipCall(server: TestServer, version: { major: number; minor: number }, items: RequestItem[], client = 'client'): Promise<ResponseItem[]> {
  const creds = server.clientCert(client);
  const conn = await KmipConnection.connect({ host: '127.0.0.1', port: server.port, cert: creds.certPem, key: creds.keyPem, ca: fs.readFileSync(server.caPath), requestTimeoutMs: 30_000 });
  try {
    return decodeResponse(await conn.request(encodeRequest(version, items)));
  } finally {
    await conn.close();
  }
}

/**
 * The Link attributes of an object as [Link Type name, Linked Object Identifier] pairs, read with the
 * project's own client over mutual TLS (PyKMIP 0.10 cannot decode a Link attribute value).
 */
export async function linksOf(server: TestServer, uid: string, client = 'client'): Promise<Array<[string, string]>> {
  const [item] = await kmipCall(server, { major: 1, minor: 4 }, [
    { operation: Operation.GetAttributes, payload: [T.text(Tag.UniqueIdentifier, uid), T.text(Tag.AttributeName, 'Link')] },
  ], client);
  if (!item?.ok) throw new Error(`Get Attributes failed: ${item?.message ?? 'no answer'}`);
  const names = Object.fromEntries(Object.entries(LinkType).map(([k, v]) => [v, k]));
  return children(item.payload, Tag.Attribute).map((a) => {
    const v = child(a, Tag.AttributeValue);
    return [names[child(v, Tag.LinkType)?.value as number], child(v, Tag.LinkedObjectIdentifier)?.value as string];
  });
}

export function runCryptoSteps(server: TestServer, version: PyKmipVersion, steps: PyStep[], client = 'client'): Promise<PyResult[]> {
  return runPyKmipScript(server, 'pykmip-crypto-driver.py', DRIVER, version, steps, client);
}

const DRIVER = String.raw`
import json, sys, logging
logging.disable(logging.CRITICAL)
from kmip.core import enums
from kmip.core import objects as cobjects
from kmip.core.factories import attributes as attr_factory
from kmip.core.misc import KeyFormatType as KFT
from kmip.pie import client as pie_client
from kmip.pie import objects as pobjects
from kmip.pie import exceptions as pexc

VERSIONS = {"1.0": enums.KMIPVersion.KMIP_1_0, "1.1": enums.KMIPVersion.KMIP_1_1, "1.2": enums.KMIPVersion.KMIP_1_2,
            "1.3": enums.KMIPVersion.KMIP_1_3, "1.4": enums.KMIPVersion.KMIP_1_4, "2.0": enums.KMIPVersion.KMIP_2_0}
AF = attr_factory.AttributeFactory()


def enum_name(v):
    return v.name if hasattr(v, "name") else v

ENUMS = {"block_cipher_mode": enums.BlockCipherMode, "padding_method": enums.PaddingMethod,
         "hashing_algorithm": enums.HashingAlgorithm, "cryptographic_algorithm": enums.CryptographicAlgorithm,
         "digital_signature_algorithm": enums.DigitalSignatureAlgorithm, "wrapping_method": enums.WrappingMethod,
         "encoding_option": enums.EncodingOption}


def conv(d):
    """Dictionaries of enum names (and *_hex byte strings) -> what PyKMIP's client takes."""
    if isinstance(d, dict):
        out = {}
        for k, v in d.items():
            if k in ENUMS and isinstance(v, str):
                out[k] = getattr(ENUMS[k], v)
            elif k.endswith("_hex"):
                out[k[:-4]] = bytes.fromhex(v)
            else:
                out[k] = conv(v)
        return out
    if isinstance(d, list):
        return [conv(x) for x in d]
    return d


def masks(names):
    return [getattr(enums.CryptographicUsageMask, m) for m in (names or [])]


def ok(result):
    if result.result_status.value != enums.ResultStatus.SUCCESS:
        raise pexc.KmipOperationFailure(result.result_status.value, result.result_reason.value, result.result_message.value)
    return result


def material(km):
    v = getattr(km, "value", None)
    if isinstance(v, (bytes, bytearray)):
        return {"hex": bytes(v).hex()}
    return {"struct": str(km)}


def run_step(c, version, op, a):
    if op == "create":
        return c.create(getattr(enums.CryptographicAlgorithm, a.get("algorithm", "AES")), a.get("length", 256),
                        name=a.get("name"), cryptographic_usage_mask=masks(a.get("masks", ["ENCRYPT", "DECRYPT"])))
    if op == "create_attrs":
        attrs = [AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM, getattr(enums.CryptographicAlgorithm, a.get("algorithm", "AES"))),
                 AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, a.get("length", 256)),
                 AF.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, masks(a.get("masks", ["ENCRYPT", "DECRYPT"])))]
        if "sensitive" in a:
            attrs.append(AF.create_attribute(enums.AttributeType.SENSITIVE, a["sensitive"]))
        r = ok(c.proxy.create(enums.ObjectType.SYMMETRIC_KEY, cobjects.TemplateAttribute(attributes=attrs)))
        return r.uuid
    if op == "create_key_pair":
        pub, priv = c.create_key_pair(getattr(enums.CryptographicAlgorithm, a.get("algorithm", "RSA")), a.get("length", 2048),
                                      public_usage_mask=masks(a.get("public_masks", ["VERIFY"])),
                                      private_usage_mask=masks(a.get("private_masks", ["SIGN"])))
        return [pub, priv]
    if op == "register_key":
        kind = a.get("type", "SymmetricKey")
        value = bytes.fromhex(a["key_hex"])
        if kind == "SecretData":
            obj = pobjects.SecretData(value, enums.SecretDataType.PASSWORD, masks=masks(a.get("masks")))
        else:
            obj = pobjects.SymmetricKey(getattr(enums.CryptographicAlgorithm, a.get("algorithm", "AES")), a.get("length", len(value) * 8),
                                        value, masks=masks(a.get("masks")), key_wrapping_data=conv(a.get("key_wrapping_data")))
        return c.register(obj)
    if op == "activate":
        c.activate(a["uid"])
        return None
    if op == "get":
        if "key_format_type" in a:
            r = ok(c.proxy.get(a["uid"], key_format_type=KFT(getattr(enums.KeyFormatType, a["key_format_type"]))))
            kb = r.secret.key_block
            return {"key_format_type": kb.key_format_type.value.name, "value": material(kb.key_value.key_material)}
        obj = c.get(a["uid"], key_wrapping_specification=conv(a.get("wrap")))
        out = {"class": type(obj).__name__, "value_hex": bytes(obj.value).hex() if isinstance(getattr(obj, "value", None), (bytes, bytearray)) else None}
        if hasattr(obj, "key_format_type"):
            out["key_format_type"] = obj.key_format_type.name
        kwd = getattr(obj, "key_wrapping_data", None)
        out["wrapped"] = bool(kwd)
        return out
    if op == "encrypt":
        data, iv = c.encrypt(bytes.fromhex(a["data_hex"]), uid=a["uid"], cryptographic_parameters=conv(a.get("params")),
                             iv_counter_nonce=bytes.fromhex(a["iv_hex"]) if a.get("iv_hex") else None)
        return {"data_hex": data.hex(), "iv_hex": None if iv is None else iv.hex()}
    if op == "decrypt":
        return c.decrypt(bytes.fromhex(a["data_hex"]), uid=a["uid"], cryptographic_parameters=conv(a.get("params")),
                         iv_counter_nonce=bytes.fromhex(a["iv_hex"]) if a.get("iv_hex") else None).hex()
    if op == "sign":
        return c.sign(bytes.fromhex(a["data_hex"]), uid=a["uid"], cryptographic_parameters=conv(a.get("params"))).hex()
    if op == "verify":
        r = c.signature_verify(bytes.fromhex(a["data_hex"]), bytes.fromhex(a["sig_hex"]), uid=a["uid"], cryptographic_parameters=conv(a.get("params")))
        return r.name
    if op == "mac":
        uid, mac = c.mac(bytes.fromhex(a["data_hex"]), uid=a["uid"], algorithm=getattr(enums.CryptographicAlgorithm, a.get("algorithm", "HMAC_SHA256")))
        return mac.hex()
    if op == "derive_key":
        return c.derive_key(getattr(enums.ObjectType, a.get("object_type", "SYMMETRIC_KEY")), a["uids"],
                            getattr(enums.DerivationMethod, a["method"]), conv(a.get("params", {})),
                            cryptographic_algorithm=getattr(enums.CryptographicAlgorithm, a.get("algorithm", "AES")),
                            cryptographic_length=a.get("length", 256))
    if op == "rekey":
        return c.rekey(uid=a["uid"])
    if op == "links":
        uid, attrs = c.get_attributes(a["uid"], ["Link"])
        return [[x.attribute_value.link_type.value.name, x.attribute_value.linked_object_identifier.value] for x in attrs]
    if op == "register_cert":
        return c.register(pobjects.X509Certificate(bytes.fromhex(a["der_hex"])))
    if op == "attributes":
        uid, attrs = c.get_attributes(a["uid"], a["names"])
        return sorted([[x.attribute_name.value, str(x.attribute_value)] for x in attrs])
    if op == "locate":
        attrs = []
        if "certificate_type" in a:
            attrs.append(AF.create_attribute(enums.AttributeType.CERTIFICATE_TYPE, getattr(enums.CertificateType, a["certificate_type"])))
        if "object_type" in a:
            attrs.append(AF.create_attribute(enums.AttributeType.OBJECT_TYPE, getattr(enums.ObjectType, a["object_type"])))
        return c.locate(attributes=attrs)
    if op == "set_attribute":
        return c.set_attribute(unique_identifier=a["uid"], attribute_name=a["name"], attribute_value=a["value"])
    raise ValueError("unknown op " + op)


` + PY_MAIN;
