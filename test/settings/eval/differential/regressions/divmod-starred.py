V13 = [*[*[], *divmod(2, -4)], *tuple(['a']) + ('a', 2) + (1,)]
V0, V1 = divmod(7, 5)
