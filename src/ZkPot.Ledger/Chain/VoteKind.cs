namespace ZkPot.Ledger.Chain;

/// <summary>The two voting steps: a prevote says "this proposal is valid", a precommit says "I saw 2f+1 prevotes for it".</summary>
public enum VoteKind : byte
{
    Prevote = 1,
    Precommit = 2,
}
