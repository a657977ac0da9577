namespace ZkPot.Grains;

/// <summary>An int8 MLP as it travels from a participant to its own prover: the private witness of an accuracy proof.</summary>
[GenerateSerializer, Alias("zkpot.quantized-model")]
public sealed class QuantizedModel
{
    [Id(0)] public int Hidden { get; set; }
    [Id(1)] public sbyte[] W1 { get; set; } = [];
    [Id(2)] public int[] B1 { get; set; } = [];
    [Id(3)] public int M1 { get; set; }
    [Id(4)] public sbyte[] W2 { get; set; } = [];
    [Id(5)] public int[] B2 { get; set; } = [];
}
