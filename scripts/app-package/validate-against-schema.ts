import { AppManifestUtils } from '@microsoft/app-manifest';

/**
 * `AppManifestUtils.validateAgainstSchema` from @microsoft/app-manifest runs ajv (all errors) over a JSON
 * copy of its input and returns one message per error. Its parameter types promise an already well-typed
 * manifest; at run time it takes any JSON object, which is what a validator of files read from disk needs.
 * This interface states that wider contract; TypeScript compares method parameters bivariantly, so the
 * package's class satisfies it without a cast. It is the one place where we use the validator that way.
 */
interface SchemaValidator {
  // Optional only to match the package's signature; we always pass the bundled schema, so it never fetches one.
  validateAgainstSchema(document: object, schema?: object): Promise<string[]>;
}
const validator: SchemaValidator = AppManifestUtils;

/** Every way `document` breaks `schema`, each prefixed with `file`; empty when it conforms. */
export async function validateAgainstSchema(document: object, schema: object, file: string): Promise<string[]> {
  const errors = await validator.validateAgainstSchema(document, schema);
  return errors.map((error) => `${file}: ${error.trim()}`);
}
