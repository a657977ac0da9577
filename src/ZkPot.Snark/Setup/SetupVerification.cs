using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The outcome of <see cref="SetupVerifier.VerifyChain"/>: the checks in the order they ran (checking stops at the
/// first failure) and the key's contributions, for reporting who took part.
/// </summary>
public sealed class SetupVerification
{
    internal SetupVerification(IReadOnlyList<SetupCheck> checks, IReadOnlyList<ZKeyContribution> contributions)
    {
        Checks = checks;
        Contributions = contributions;
    }

    public IReadOnlyList<SetupCheck> Checks { get; }

    public IReadOnlyList<ZKeyContribution> Contributions { get; }

    /// <summary>True when no check failed (skipped checks do not count against the key; the caller reads them).</summary>
    public bool IsValid => FirstFailure is null;

    public SetupCheck? FirstFailure => Checks.FirstOrDefault(c => c.Outcome == SetupCheckOutcome.Failed);
}
