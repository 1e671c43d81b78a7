V4 = [1, 2]
try:
    V4.remove(-4)
    V4.clear()
except ValueError:
    V5 = 'caught'
