namespace ZkPot.Grains;

/// <summary>A participant's public identity: its grain key, node id and public keys (Ed25519 for signatures, X25519 for updates sent to it).</summary>
[GenerateSerializer, Immutable, Alias("zkpot.node-keys")]
public sealed class NodeKeys
{
    [Id(0)] public string Key { get; set; } = "";
    [Id(1)] public string NodeId { get; set; } = "";
    [Id(2)] public byte[] Ed25519 { get; set; } = [];
    [Id(3)] public byte[] X25519 { get; set; } = [];
    [Id(4)] public string Owner { get; set; } = "";
}
