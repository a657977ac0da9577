namespace ZkPot.Ledger.Chain;

/// <summary>Result of re-checking a chain: OK, or the first bad block and what is wrong with it.</summary>
public sealed record ChainVerdict(bool Ok, int BlocksChecked, long? BadHeight, string? Problem)
{
    public static ChainVerdict Valid(int blocks) => new(true, blocks, null, null);

    public static ChainVerdict Bad(long height, string problem) => new(false, (int)height, height, problem);
}
