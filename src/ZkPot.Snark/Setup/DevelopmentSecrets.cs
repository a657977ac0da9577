namespace ZkPot.Snark.Setup;

/// <summary>
/// UNSAFE FOR PRODUCTION. The toxic waste of a development setup: phase 1's tau, alpha and beta and phase 2's gamma,
/// delta and (commit-and-prove keys) sigma, drawn in this process. Whoever holds these scalars can forge proofs for every statement of a key made
/// from them, so a dev key proves nothing to anyone but its maker; it exists for tests, benchmarks and local demos,
/// where a powers-of-tau ceremony is not at hand.
/// </summary>
public sealed class DevelopmentSecrets
{
    /// <summary>What the CLI prints when it makes a dev key.</summary>
    public const string Warning =
        "WARNING: UNSAFE FOR PRODUCTION. --dev draws tau, alpha, beta, gamma and delta in this process; " +
        "anyone who could read its memory can forge proofs. Use a powers-of-tau ceremony (--ptau) and phase-2 contributions for real keys.";

    public DevelopmentSecrets(Fr tau, Fr alpha, Fr beta, Fr gamma, Fr delta, Fr? sigma = null)
    {
        Sigma = sigma ?? NonZero();
        if (Sigma.IsZero)
            throw new ArgumentException("sigma must not be zero", nameof(sigma));
        foreach (var (value, name) in new[] { (tau, nameof(tau)), (alpha, nameof(alpha)), (beta, nameof(beta)), (gamma, nameof(gamma)), (delta, nameof(delta)) })
        {
            if (value.IsZero)
                throw new ArgumentException($"{name} must not be zero", name);
        }
        Tau = tau;
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
    }

    public Fr Tau { get; }

    public Fr Alpha { get; }

    public Fr Beta { get; }

    public Fr Gamma { get; }

    public Fr Delta { get; }

    /// <summary>The commitment's proof-of-knowledge secret (commit-and-prove keys only).</summary>
    public Fr Sigma { get; }

    /// <summary>Fresh secrets from the operating system's CSPRNG.</summary>
    public static DevelopmentSecrets Random() =>
        new(NonZero(), NonZero(), NonZero(), NonZero(), NonZero());

    static Fr NonZero()
    {
        while (true)
        {
            var value = Fr.Random();
            if (!value.IsZero)
                return value;
        }
    }
}
