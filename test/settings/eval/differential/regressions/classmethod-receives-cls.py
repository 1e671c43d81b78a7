class B0:
    X = 2
    @classmethod
    def make(cls, v):
        return cls.X * v
    @staticmethod
    def twice(v):
        return v * 2
class C0(B0):
    X = 5
def set_v13(value):
    global V13
    V13 = value
set_v13(C0.make(3))
V14 = B0.make(1) + C0.twice(4)
