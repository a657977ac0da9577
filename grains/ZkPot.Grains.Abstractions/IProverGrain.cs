namespace ZkPot.Grains;

/// <summary>Groth16 prover of one participant (same key), placed on a GPU silo of the participant's owner; idempotent per round.</summary>
public interface IProverGrain : IGrainWithStringKey
{
    Task<ProveResult> Prove(ProveRequest request);

    /// <summary>The silo the prover activation runs on and whether it is a GPU silo (for placement checks).</summary>
    Task<(string Silo, bool Gpu, string Owner)> Where();
}
