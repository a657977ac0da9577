global using ZkPot.Evaluation;
