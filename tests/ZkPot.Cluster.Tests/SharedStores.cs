using ZkPot.Grains.Hosting;
using ZkPot.Ledger.Storage;

namespace ZkPot.Cluster.Tests;

/// <summary>One content store and grain-state store for the whole test run, so the ceremony's key (the slow part of setup) is made once per task.</summary>
public static class SharedStores
{
    public static readonly InMemoryContentStore Content = new();
}
