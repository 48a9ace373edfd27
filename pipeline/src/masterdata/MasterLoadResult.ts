import type { MasterLoad } from "../db/masterDataStore";
import type { MasterDataset } from "./MasterDataset";
import type { MasterIssue } from "./MasterIssue";

/** What one `pa1325 load` did: loaded (the snapshot replaced) or refused (recorded, nothing replaced). */
export interface MasterLoadResult {
  status: "loaded" | "rejected";
  dataset: MasterDataset;
  file: string;
  sha256: string;
  database: string;
  /** When the load is dated: now, or when the earlier database first loaded the same bytes. */
  loadedAt: Date;
  /** With `--arrival-times-from`: that database, and whether it had loaded these bytes (else the load is dated now). */
  arrival?: { from: string; known: boolean };
  /** This load's row in master_loads. */
  loadId: number;
  /** Rows now in the dataset's table (0 when refused). */
  rows: number;
  /** Loaded: the snapshot that was replaced. Refused: the snapshot that stays current. Null when there was none. */
  previous: MasterLoad | null;
  /** Loaded: the file is byte for byte the one the previous snapshot came from. */
  sameFileAsPrevious: boolean;
  issues: MasterIssue[];
}
