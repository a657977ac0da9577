using System.Net;
using ZkPot.Grains;

namespace ZkPot.Member;

/// <summary>How one member process runs: who it is, where its doors and ports are, where it keeps state and keys, and whether it runs an adversary's code.</summary>
public sealed record MemberOptions
{
    /// <summary>The member's name on the link (its entry in the federation directory).</summary>
    public required string Owner { get; init; }

    /// <summary>Its participant's (and validator's) grain key.</summary>
    public required string Participant { get; init; }

    public required string FederationFile { get; init; }

    /// <summary>The mutual-TLS listener other members reach (its directory entry's url).</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Plain HTTP on 127.0.0.1 for the member's own tools: /health/ready.</summary>
    public int HealthPort { get; init; }

    public int SiloPort { get; init; } = 11111;

    /// <summary>The member's own Orleans gateway, on 127.0.0.1, for its operator's tools (setup, status); never for other members.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The member's own storage account (Azurite locally); null keeps state in memory (lost when the process dies).</summary>
    public string? StorageConnection { get; init; }

    public required string KeyDirectory { get; init; }

    /// <summary>The adversary's code this member runs instead of behaving; None for an honest member.</summary>
    public AttackKind Byzantine { get; init; } = AttackKind.None;

    /// <summary>The member's Orleans cluster and service id: its own, so no other member's silo or client can join it.</summary>
    public string ClusterId => $"zkpot-{Owner}";
}
