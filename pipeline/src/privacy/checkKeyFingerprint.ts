import { EXIT, PipelineError } from "../cli/PipelineError";
import type { Database } from "../db/Database";
import { readSetting, writeSetting } from "../db/submissionStore";
import type { PseudonymKey } from "./pseudonymKey";

/**
 * A database remembers the fingerprint of the key its pseudonyms were made with. Another key would make new
 * pseudonyms that never join the stored ones, silently splitting people in two: refuse instead.
 */
export async function checkKeyFingerprint(db: Database, key: PseudonymKey): Promise<void> {
  const stored = await readSetting(db, "key_fingerprint");
  if (stored === undefined) {
    if (!db.readOnly) await writeSetting(db, "key_fingerprint", key.fingerprint);
    return;
  }
  if (stored !== key.fingerprint) {
    const where = key.source === "env" ? "PA1325_KEY" : key.file;
    throw new PipelineError(
      "KEY_MISMATCH",
      {
        es: `la clave de seudonimización (${where}) no es la que se usó en ${db.name}: los seudónimos no coincidirían. Use la clave original (variable PA1325_KEY o PA1325_KEY_FILE).`,
        en: `the pseudonymisation key (${where}) is not the one used for ${db.name}: pseudonyms would not match. Use the original key (PA1325_KEY or PA1325_KEY_FILE).`,
      },
      EXIT.fatal,
    );
  }
}
