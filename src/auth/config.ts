/**
 * The `auth` section of tumbler.json (registered at import). Every field is a list of strings so that the
 * environment can override it too (TUMBLER_AUTH_ADMINS=admin,ops).
 *
 *   "auth": {
 *     "admins": ["admin", "group:security"],
 *     "groups": ["db-servers=OU:databases", "security=name:carol"],
 *     "roles": ["reader=Get+GetAttributes+Locate", "crypto-user=Encrypt+Decrypt+Locate+GetAttributes"],
 *     "roleOf": ["group:db-servers=reader", "mallory=none"],
 *     "defaultRole": "all",
 *     "tenants": ["acme=O:Acme Corp"],
 *     "credentials": "verify",
 *     "hide": "others"
 *   }
 *
 * Selectors: name:PRINCIPAL, OU:VALUE, O:VALUE, fingerprint:SHA256HEX, SAN:TYPE:VALUE (or SAN:VALUE), group:GROUP.
 */
import { registerConfigSection, type SectionSpec } from '../config/schema';
import type { TumblerConfig } from '../config/load';
import { parseOperationList } from './operations';
import { BUILTIN_ROLES, type AuthPolicy, type Selector, type SelectorField } from './policy';
import { CREDENTIAL_MODES, type CredentialMode } from './credentials';

export const AUTH_SECTION: SectionSpec = {
  admins: { kind: 'stringArray', default: ['admin'], doc: 'principals (or group:NAME) that act on every object of their tenant' },
  groups: { kind: 'stringArray', default: [], doc: 'GROUP=SELECTOR, selector name:|OU:|O:|fingerprint:|SAN:|group:' },
  roles: { kind: 'stringArray', default: [], doc: 'ROLE=Op+Op+... allow-lists of operations (built in: all, none)' },
  roleOf: { kind: 'stringArray', default: [], doc: 'PRINCIPAL=ROLE or group:NAME=ROLE' },
  defaultRole: { kind: 'string', default: 'all', nonEmpty: true, doc: 'role of principals not listed in roleOf' },
  tenants: { kind: 'stringArray', default: [], doc: 'TENANT=SELECTOR; principals matching no rule are in the default tenant ""' },
  credentials: {
    kind: 'enum', values: CREDENTIAL_MODES, default: 'verify',
    doc: 'Username and Password / Device credentials: verify those naming an account (tumbler accounts), require one on every request, or ignore them',
  },
  hide: {
    kind: 'enum', values: ['others', 'tenants'], default: 'others',
    doc: "objects a caller may not see are answered Item Not Found ('others'), or only other tenants' objects are and the rest Permission Denied ('tenants')",
  },
};

let registered = false;
export function registerAuthConfig(): void {
  if (registered) return;
  registered = true;
  registerConfigSection('auth', AUTH_SECTION);
}
registerAuthConfig();

export interface AuthSection {
  admins: string[];
  groups: string[];
  roles: string[];
  roleOf: string[];
  defaultRole: string;
  tenants: string[];
  credentials?: CredentialMode;
  hide?: 'others' | 'tenants';
}

const FIELDS: Record<string, SelectorField> = {
  name: 'name', cn: 'name', principal: 'name', ou: 'OU', o: 'O', fingerprint: 'fingerprint', san: 'SAN', group: 'group',
};

export function parseSelector(s: string): Selector {
  const i = s.indexOf(':');
  const field = i > 0 ? FIELDS[s.slice(0, i).toLowerCase()] : undefined;
  const value = s.slice(i + 1);
  if (!field || value.length === 0) throw new Error(`selector "${s}" must be name:|OU:|O:|fingerprint:|SAN:|group: followed by a value`);
  return { field, value };
}

function pair(entry: string, what: string): [string, string] {
  const i = entry.indexOf('=');
  if (i <= 0 || i === entry.length - 1) throw new Error(`auth.${what}: "${entry}" must be NAME=VALUE`);
  return [entry.slice(0, i).trim(), entry.slice(i + 1).trim()];
}

/** Turn the section into the pure policy; throws Error naming the bad entry. */
export function policyFromSection(a: AuthSection): AuthPolicy {
  const roles = new Map(BUILTIN_ROLES);
  for (const e of a.roles) {
    const [name, ops] = pair(e, 'roles');
    try {
      roles.set(name, new Set(parseOperationList(ops)));
    } catch (err) {
      throw new Error(`auth.roles: "${e}": ${(err as Error).message}`);
    }
  }
  const roleOf = a.roleOf.map((e) => {
    const [subject, role] = pair(e, 'roleOf');
    if (!roles.has(role)) throw new Error(`auth.roleOf: "${e}" names unknown role "${role}"`);
    return { subject, role };
  });
  if (!roles.has(a.defaultRole)) throw new Error(`auth.defaultRole: unknown role "${a.defaultRole}"`);
  const sel = (what: string) => (e: string) => {
    const [name, s] = pair(e, what);
    try {
      return { name, selector: parseSelector(s) };
    } catch (err) {
      throw new Error(`auth.${what}: ${(err as Error).message}`);
    }
  };
  return {
    admins: [...a.admins],
    groups: a.groups.map(sel('groups')).map((x) => ({ group: x.name, selector: x.selector })),
    roles,
    roleOf,
    defaultRole: a.defaultRole,
    tenants: a.tenants.map(sel('tenants')).map((x) => ({ tenant: x.name, selector: x.selector })),
    hideWithinTenant: (a.hide ?? 'others') === 'others',
  };
}

/** `auth.credentials` (credentials.ts). */
export function credentialModeOf(config: TumblerConfig): CredentialMode {
  return (config.auth as AuthSection | undefined)?.credentials ?? 'verify';
}

export function authPolicyOf(config: TumblerConfig): AuthPolicy {
  const section = (config.auth as AuthSection | undefined) ?? {
    admins: ['admin'], groups: [], roles: [], roleOf: [], defaultRole: 'all', tenants: [],
  };
  return policyFromSection(section);
}
