/**
 * The compatibility promise at the type level: a client page written against Codat's published
 * Embedded Link types (@codat/sdk-link-types) compiles against Doorway's modules unchanged, with
 * the Link SDK's own compiler settings (web/embed/tsconfig.json). The same compiler must refuse
 * pages and props that drift, or this test could not fail.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/embed/codat-compat');
const CLIENT_PAGE = path.join(FIXTURES, 'client-page.ts');

const IMPORTS = `
import type { CodatLinkProps, ConnectionCallbackArgs } from '@codat/sdk-link-types';
import type * as DoorwayProps from '../../../web/embed/src/codat-props';
import { CodatLink } from '../../../web/embed/src/link-sdk';
declare const target: HTMLElement;
declare const props: CodatLinkProps;
`;

/** Pages that must not compile: each names what it gets wrong. */
const DRIFTED: Record<string, string> = {
  'a company id that is not a string': `${IMPORTS} new CodatLink({ target, props: { ...props, companyId: 42 } });`,
  'props passed without the { target, props } wrapper': `${IMPORTS} new CodatLink(props);`,
  'callback arguments without sourceId': `${IMPORTS}
    type Drifted = Omit<Parameters<Required<DoorwayProps.CodatLinkProps>['onConnection']>[0], 'sourceId'>;
    export const check = (args: Drifted): ConnectionCallbackArgs => args;`,
  'an option Codat does not have': `${IMPORTS} new CodatLink({ target, props: { ...props, options: { hideBorderz: true } } });`,
};

function compile(files: Record<string, string>): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'web/embed/tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) throw new Error('web/embed/tsconfig.json could not be read');
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(FIXTURES, name), text]));
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.getSourceFile = (file, language) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile(file, language) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([CLIENT_PAGE, ...virtual.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.relative(ROOT, diagnostic.file.fileName) : '(options)';
    errors.set(file, [...(errors.get(file) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')]);
  }
  return errors;
}

describe("Codat's published Embedded Link types", () => {
  it("compile a client page written for Codat's Link SDK against Doorway's CodatLink and CodatConnections", { timeout: 60_000 }, () => {
    expect(Object.fromEntries(compile({}))).toEqual({});
  });

  it('refuse pages and props that drift from them', { timeout: 60_000 }, () => {
    const names = Object.keys(DRIFTED);
    const errors = compile(Object.fromEntries(names.map((name, i) => [`drifted-${i}.ts`, DRIFTED[name]!])));
    names.forEach((name, i) => expect(errors.get(`test/embed/codat-compat/drifted-${i}.ts`)?.length ?? 0, name).toBeGreaterThan(0));
    expect(errors.has('test/embed/codat-compat/client-page.ts')).toBe(false);
  });
});
