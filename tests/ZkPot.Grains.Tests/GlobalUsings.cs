global using ZkPot.Grains;
