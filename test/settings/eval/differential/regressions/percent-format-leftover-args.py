try:
    V3 = 'a-b-c' % None
except TypeError:
    V3 = 'error'
V4 = 'abc' % {}
V5 = 'abc' % []
