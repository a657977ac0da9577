namespace ZkPot.Grains;

/// <summary>A finished proof (EIP-196 bytes: A, B, C = 256 bytes) with its public values and where and how long it took.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.prove-result")]
public sealed class ProveResult
{
    [Id(0)] public byte[] Proof { get; set; } = [];
    /// <summary>The proof's commitment D, compressed (32 bytes).</summary>
    [Id(1)] public byte[] Commitment { get; set; } = [];
    [Id(2)] public int Correct { get; set; }
    [Id(3)] public double Seconds { get; set; }
    /// <summary>cpu or gpu: the kind of silo that ran the prover.</summary>
    [Id(4)] public string Engine { get; set; } = "";
    [Id(5)] public string Silo { get; set; } = "";
}
