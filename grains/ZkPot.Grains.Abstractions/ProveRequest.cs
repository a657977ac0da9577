namespace ZkPot.Grains;

/// <summary>One proving job: the committed model, its salt, the round, and the count to claim (null: the true count).</summary>
[GenerateSerializer, Alias("zkpot.prove-request")]
public sealed class ProveRequest
{
    [Id(0)] public long Round { get; set; }
    [Id(1)] public QuantizedModel Model { get; set; } = new();
    /// <summary>Mask of the commitment D: 32 bytes, big-endian, below the BN254 scalar field modulus.</summary>
    [Id(2)] public byte[] Mask { get; set; } = [];
    [Id(3)] public string ZKeyCid { get; set; } = "";
    [Id(4)] public TaskSpec Task { get; set; } = new();
    /// <summary>Participant node id (40 hex digits), bound into the proof as a public input.</summary>
    [Id(5)] public string ParticipantId { get; set; } = "";
}
