/** What `/localnodes` needs to know about one member of the cluster. */
export interface TopologyMember {
  readonly address: string;
  readonly datacenter: string;
  readonly rack: string;
  /** False once killed or removed: a down or decommissioned node leaves gossip's live set. */
  isAlive(): boolean;
}

/**
 * The body of `GET /localnodes` as Alternator sends it: live members of one datacenter (the
 * answering node's unless `dc` is given), optionally of one rack, the answering node included;
 * empty values count as absent and an unknown dc or rack gives an empty list, never an error.
 */
export function listLocalNodes(
  members: readonly TopologyMember[],
  answering: TopologyMember,
  query: URLSearchParams,
): string[] {
  const datacenter = query.get('dc') || answering.datacenter;
  const rack = query.get('rack') || undefined;
  return members
    .filter(
      (member) =>
        member.isAlive() &&
        member.datacenter === datacenter &&
        (rack === undefined || member.rack === rack),
    )
    .map((member) => member.address);
}
