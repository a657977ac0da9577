namespace ZkPot.Silo;

/// <summary>Where the silo runs: Local (one machine, in memory), Azure or Kubernetes (Azure Table membership, Azure Blob grain state).</summary>
public enum SiloProfile
{
    Local,
    Azure,
    Kubernetes,
}
