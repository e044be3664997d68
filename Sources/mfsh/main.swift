import Runtime

print("mfsh \(RuntimeInfo.version): not built yet")
