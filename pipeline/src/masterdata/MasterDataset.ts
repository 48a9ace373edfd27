/** The master datasets `pa1325 load` accepts; each one is a snapshot that a new load replaces whole. */
export const MASTER_DATASETS = ["personnel", "training", "deployments", "un-gender", "un-targets"] as const;
export type MasterDataset = (typeof MASTER_DATASETS)[number];

export function isMasterDataset(value: unknown): value is MasterDataset {
  return typeof value === "string" && (MASTER_DATASETS as readonly string[]).includes(value);
}

/** Datasets that carry service numbers: only these need the pseudonymisation key. */
export function hasServiceNumbers(dataset: MasterDataset): boolean {
  return dataset === "personnel" || dataset === "training" || dataset === "deployments";
}
