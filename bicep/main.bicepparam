// Parameters of a production deployment; copy and change environment to 'dev' for a small cluster.
using 'main.bicep'

param environment = 'prod'
param namePrefix = 'zkpot'
param storagePublicNetworkAccess = 'Enabled'
param blobSoftDeleteDays = 14
param systemVmSize = 'Standard_D4ds_v5'
param gpuVmSize = 'Standard_NC4as_T4_v3'
param gpuMinCount = 0
param gpuMaxCount = 4
param zones = []
