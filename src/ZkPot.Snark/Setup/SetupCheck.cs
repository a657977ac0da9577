namespace ZkPot.Snark.Setup;

/// <summary>What became of one check of <see cref="SetupVerifier"/>.</summary>
public enum SetupCheckOutcome
{
    Passed,
    Failed,

    /// <summary>Not applicable to this key, or impossible without input the caller did not give (the detail says which).</summary>
    Skipped,
}

/// <summary>One named check of a proving key, its outcome and a one-line detail.</summary>
public sealed record SetupCheck(string Name, SetupCheckOutcome Outcome, string Detail)
{
    public override string ToString() => $"{Outcome switch { SetupCheckOutcome.Passed => "ok  ", SetupCheckOutcome.Failed => "FAIL", _ => "skip" }} {Name}: {Detail}";
}
