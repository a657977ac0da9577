global using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;
