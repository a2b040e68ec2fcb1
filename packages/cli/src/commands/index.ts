// The portico command list — explicit, one line per command. Each module exports `register(program, io)`.
// Other packages' commands (idp, token, demo) are added here as one import + one list line each.
import type { Command } from 'commander';
import type { CliIO } from '../context.ts';
import { register as apply } from './apply.ts';
import { register as crds } from './crds.ts';
import { register as del } from './delete.ts';
import { register as demo } from './demo.ts';
import { register as describe } from './describe.ts';
import { register as get } from './get.ts';
import { register as idp } from './idp.ts';
import { register as token } from './token.ts';
import { register as rego } from './rego.ts';
import { register as up } from './up.ts';

export type RegisterCommand = (program: Command, io: CliIO) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  up,
  apply,
  get,
  describe,
  del,
  crds,
  idp,
  token,
  demo,
  rego,
];
