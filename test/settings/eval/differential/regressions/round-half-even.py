V1 = round(0.5)
V2 = round(2.5)
V3 = round(-1.5)
V4 = round(2.675, 2)
