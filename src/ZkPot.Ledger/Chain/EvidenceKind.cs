namespace ZkPot.Ledger.Chain;

/// <summary>Which kind of message an offender signed twice with conflicting content.</summary>
public enum EvidenceKind : byte
{
    Proposal = 1,
    Prevote = 2,
    Precommit = 3,
    Claim = 4,
}
