print("mfsh: under construction")
