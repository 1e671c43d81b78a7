try:
    V4 = 2 << 2 * -255
except ValueError:
    V4 = 'negative shift count'
try:
    V5 = 8 >> -1
except ValueError:
    V5 = 'negative shift count'
