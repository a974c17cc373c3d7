# Redraws fig10 from fig10.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig10-gnuplot.png'" fig10.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig10-gnuplot.png"
set terminal pngcairo size 950,814 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig10.csv"
set multiplot layout 2,2 title "t-SNE of test-set crystal vectors, coloured by property label"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(a) Formation energy · untrained encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-28.549632391771446:28.164626085163185]; set yrange [-24.080552438136483:27.232348088613907]
set palette defined (0 "#440154", 1 "#470d60", 2 "#48186a", 3 "#482374", 4 "#472d7b", 5 "#453781", 6 "#424086", 7 "#3e4989", 8 "#3b528b", 9 "#375b8d", 10 "#33638d", 11 "#2f6b8e", 12 "#2c728e", 13 "#297a8e", 14 "#26828e", 15 "#23898d", 16 "#21918c", 17 "#1f988b", 18 "#1fa088", 19 "#22a785", 20 "#28ae80", 21 "#32b67a", 22 "#3fbc73", 23 "#4ec36b", 24 "#5ec962", 25 "#70cf57", 26 "#84d44b", 27 "#98d83e", 28 "#addc30", 29 "#c2df23", 30 "#d8e219", 31 "#ece51b", 32 "#fde725")
set cbrange [-4.303524993452382:2.226239095524001]
set cblabel "formation energy (eV/atom)"; set colorbox
plot data using ((strcol(1) eq "a" && strcol(2) eq "point") ? $5 : 1/0):6:7 with points pt 7 ps 0.3 palette notitle

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(b) Formation energy · DIM encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-24.53404128251181:23.137552618035023]; set yrange [-21.809120255684814:21.322321844809938]
set palette defined (0 "#440154", 1 "#470d60", 2 "#48186a", 3 "#482374", 4 "#472d7b", 5 "#453781", 6 "#424086", 7 "#3e4989", 8 "#3b528b", 9 "#375b8d", 10 "#33638d", 11 "#2f6b8e", 12 "#2c728e", 13 "#297a8e", 14 "#26828e", 15 "#23898d", 16 "#21918c", 17 "#1f988b", 18 "#1fa088", 19 "#22a785", 20 "#28ae80", 21 "#32b67a", 22 "#3fbc73", 23 "#4ec36b", 24 "#5ec962", 25 "#70cf57", 26 "#84d44b", 27 "#98d83e", 28 "#addc30", 29 "#c2df23", 30 "#d8e219", 31 "#ece51b", 32 "#fde725")
set cbrange [-4.303524993452382:2.226239095524001]
set cblabel "formation energy (eV/atom)"; set colorbox
plot data using ((strcol(1) eq "b" && strcol(2) eq "point") ? $5 : 1/0):6:7 with points pt 7 ps 0.3 palette notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(c) Band gap · untrained encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-28.549632391771446:28.164626085163185]; set yrange [-24.080552438136483:27.232348088613907]
set palette defined (0 "#440154", 1 "#470d60", 2 "#48186a", 3 "#482374", 4 "#472d7b", 5 "#453781", 6 "#424086", 7 "#3e4989", 8 "#3b528b", 9 "#375b8d", 10 "#33638d", 11 "#2f6b8e", 12 "#2c728e", 13 "#297a8e", 14 "#26828e", 15 "#23898d", 16 "#21918c", 17 "#1f988b", 18 "#1fa088", 19 "#22a785", 20 "#28ae80", 21 "#32b67a", 22 "#3fbc73", 23 "#4ec36b", 24 "#5ec962", 25 "#70cf57", 26 "#84d44b", 27 "#98d83e", 28 "#addc30", 29 "#c2df23", 30 "#d8e219", 31 "#ece51b", 32 "#fde725")
set cbrange [0.0:8.3241]
set cblabel "band gap (eV)"; set colorbox
plot data using ((strcol(1) eq "c" && strcol(2) eq "point") ? $5 : 1/0):6:7 with points pt 7 ps 0.3 palette notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(d) Band gap · DIM encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-24.53404128251181:23.137552618035023]; set yrange [-21.809120255684814:21.322321844809938]
set palette defined (0 "#440154", 1 "#470d60", 2 "#48186a", 3 "#482374", 4 "#472d7b", 5 "#453781", 6 "#424086", 7 "#3e4989", 8 "#3b528b", 9 "#375b8d", 10 "#33638d", 11 "#2f6b8e", 12 "#2c728e", 13 "#297a8e", 14 "#26828e", 15 "#23898d", 16 "#21918c", 17 "#1f988b", 18 "#1fa088", 19 "#22a785", 20 "#28ae80", 21 "#32b67a", 22 "#3fbc73", 23 "#4ec36b", 24 "#5ec962", 25 "#70cf57", 26 "#84d44b", 27 "#98d83e", 28 "#addc30", 29 "#c2df23", 30 "#d8e219", 31 "#ece51b", 32 "#fde725")
set cbrange [0.0:8.3241]
set cblabel "band gap (eV)"; set colorbox
plot data using ((strcol(1) eq "d" && strcol(2) eq "point") ? $5 : 1/0):6:7 with points pt 7 ps 0.3 palette notitle

unset multiplot
set output
