global using ZkPot.TestSupport;
